package com.taskdesk.bench.sweep;

import com.taskdesk.bench.sweep.InstanceSweep.Result;
import com.taskdesk.bench.sweep.InstanceSweep.Step;
import com.taskdesk.reporting.Charts;
import com.taskdesk.testing.SimulatedFunction.Outcome;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The sweep as tables (one per configuration), its headline, and a plot (XChart). */
public final class SweepReport {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 400;
    private static final Color[] COLORS = {new Color(0xC0392B), new Color(0xE67E22), new Color(0x2471A3)};

    private SweepReport() {}

    public static String tables(Result result) {
        StringBuilder out = new StringBuilder();
        StageBudget budget = result.budget();
        out.append(String.format(
                Locale.ROOT,
                "PostgreSQL with max_connections = %d (superuser_reserved_connections = %d) "
                        + "and %d connections held by the rest of the app (config/ reserves %d in all for stage %s's database): %d for "
                        + "the functions. Each statement: pg_sleep(%.2f); each step %s, from cold.%n%n",
                budget.maxConnections(),
                budget.superuserReservedConnections(),
                budget.reservedConnections() - budget.superuserReservedConnections(),
                budget.reservedConnections(),
                budget.stage(),
                budget.roomForFunctions(),
                InstanceSweep.STATEMENT_SECONDS,
                "of equal length"));
        for (Map.Entry<String, List<Step>> setup : result.steps().entrySet()) {
            out.append("**").append(setup.getKey()).append("**\n\n");
            out.append(
                    "| offered concurrency | instances | served | 53300 | other 503 | throttled (429) | served/s | p99 served, ms |\n");
            out.append("|---|---|---|---|---|---|---|---|\n");
            for (Step step : setup.getValue()) {
                out.append(String.format(
                        Locale.ROOT,
                        "| %d | %d | %,d | %,d | %,d | %,d | %.0f | %.0f |%n",
                        step.concurrency(),
                        step.instances(),
                        step.count(Outcome.SERVED),
                        step.count(Outcome.REFUSED_53300),
                        step.count(Outcome.UNAVAILABLE_503),
                        step.count(Outcome.THROTTLED),
                        step.count(Outcome.SERVED) / step.seconds(),
                        step.p99ServedMs()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Per configuration: the first concurrency with a database failure, and the first with a throttle. */
    public static String headline(Result result) {
        StringBuilder out = new StringBuilder(
                "| configuration | first 53300 / 503 at | first 429 at | most served/s |\n" + "|---|---|---|---|\n");
        int top = 0;
        for (Map.Entry<String, List<Step>> setup : result.steps().entrySet()) {
            List<Step> steps = setup.getValue();
            top = steps.get(steps.size() - 1).concurrency();
            String failing = steps.stream()
                    .filter(Step::failed)
                    .findFirst()
                    .map(s -> s.concurrency() + " concurrent")
                    .orElse("never");
            String throttled = steps.stream()
                    .filter(s -> s.count(Outcome.THROTTLED) > 0)
                    .findFirst()
                    .map(s -> s.concurrency() + " concurrent")
                    .orElse("never");
            double best = steps.stream()
                    .mapToDouble(s -> s.count(Outcome.SERVED) / s.seconds())
                    .max()
                    .orElse(0);
            out.append(
                    String.format(Locale.ROOT, "| %s | %s | %s | %.0f |%n", setup.getKey(), failing, throttled, best));
        }
        out.append(String.format(Locale.ROOT, "%n(\"never\": not up to %d concurrent requests.)%n", top));
        return out.toString();
    }

    /** The headline in a few words: per configuration, the first concurrency with 53300 or 503, and with 429. */
    public static String oneLine(Result result) {
        List<String> parts = new java.util.ArrayList<>();
        for (Map.Entry<String, List<Step>> setup : result.steps().entrySet()) {
            String name = setup.getKey()
                    .substring(
                            0,
                            setup.getKey().indexOf(':') > 0
                                    ? setup.getKey().indexOf(':')
                                    : setup.getKey().length());
            String failing = setup.getValue().stream()
                    .filter(Step::failed)
                    .findFirst()
                    .map(s -> "53300 from " + s.concurrency())
                    .orElse("no 53300 up to "
                            + setup.getValue().get(setup.getValue().size() - 1).concurrency());
            String throttled = setup.getValue().stream()
                    .filter(s -> s.count(Outcome.THROTTLED) > 0)
                    .findFirst()
                    .map(s -> ", 429 from " + s.concurrency())
                    .orElse("");
            parts.add(name + ": " + failing + throttled);
        }
        return String.join("; ", parts);
    }

    public static void plot(Result result, Path png) throws IOException {
        XYChart served = chart("Requests served per second", "served / s");
        XYChart refused = chart(
                "Requests the database refused (53300) or that failed otherwise (503), per second", "53300 + 503 / s");
        XYChart throttled = chart("Requests throttled by Lambda at the instance cap (429), per second", "429 / s");
        int i = 0;
        for (Map.Entry<String, List<Step>> setup : result.steps().entrySet()) {
            List<Step> steps = setup.getValue();
            double[] x = steps.stream().mapToDouble(Step::concurrency).toArray();
            Color color = COLORS[i++ % COLORS.length];
            String label = setup.getKey().indexOf(':') > 0
                    ? setup.getKey().substring(0, setup.getKey().indexOf(':'))
                    : setup.getKey();
            Charts.line(
                    served.addSeries(
                            label,
                            x,
                            steps.stream()
                                    .mapToDouble(s -> s.count(Outcome.SERVED) / s.seconds())
                                    .toArray()),
                    color,
                    2f,
                    SeriesMarkers.CIRCLE);
            Charts.line(
                    refused.addSeries(
                            label,
                            x,
                            steps.stream()
                                    .mapToDouble(
                                            s -> (s.count(Outcome.REFUSED_53300) + s.count(Outcome.UNAVAILABLE_503))
                                                    / s.seconds())
                                    .toArray()),
                    color,
                    2f,
                    SeriesMarkers.CIRCLE);
            Charts.line(
                    throttled.addSeries(
                            label,
                            x,
                            steps.stream()
                                    .mapToDouble(s -> s.count(Outcome.THROTTLED) / s.seconds())
                                    .toArray()),
                    color,
                    2f,
                    SeriesMarkers.CIRCLE);
        }
        Charts.writeStacked(List.of(served, refused, throttled), png);
    }

    private static XYChart chart(String title, String yTitle) {
        return Charts.chart(
                WIDTH,
                HEIGHT,
                title,
                "offered concurrency (clients, each one request at a time)",
                yTitle,
                Styler.LegendPosition.InsideNW);
    }
}
