package com.taskdesk.reporting;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;

/** The plots docs/ shows (XChart): charts on white with light grid lines, stacked one above the other in one PNG. */
public final class Charts {

    private static final Color GRID_LINES = new Color(0xDDDDDD);

    private Charts() {}

    /** An empty chart of this size, on white, its legend where given. */
    public static XYChart chart(
            int width, int height, String title, String xAxisTitle, String yAxisTitle, Styler.LegendPosition legend) {
        XYChart chart = new XYChartBuilder()
                .width(width)
                .height(height)
                .title(title)
                .xAxisTitle(xAxisTitle)
                .yAxisTitle(yAxisTitle)
                .build();
        chart.getStyler().setLegendPosition(legend);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(GRID_LINES);
        return chart;
    }

    /** Draws the series as a line of this color and width, with these markers (SeriesMarkers.NONE for none). */
    public static XYSeries line(XYSeries series, Color color, float width, Marker marker) {
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setLineColor(color);
        series.setLineStyle(new BasicStroke(width));
        series.setMarker(marker);
        series.setMarkerColor(color);
        return series;
    }

    /** Writes the charts one above the other, each at its own size, into one PNG. */
    public static void writeStacked(List<XYChart> charts, Path png) throws IOException {
        int width = charts.stream().mapToInt(XYChart::getWidth).max().orElse(1);
        int height = charts.stream().mapToInt(XYChart::getHeight).sum();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (XYChart chart : charts) {
            chart.paint(g, chart.getWidth(), chart.getHeight());
            g.translate(0, chart.getHeight());
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }
}
