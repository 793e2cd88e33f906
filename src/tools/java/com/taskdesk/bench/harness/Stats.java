package com.taskdesk.bench.harness;

import java.util.Arrays;
import java.util.Collection;

/** Order statistics of measured values (nearest-rank percentiles). */
public final class Stats {

    private Stats() {}

    public static double percentile(double[] values, double percent) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public static double percentile(Collection<Double> values, double percent) {
        return percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), percent);
    }

    public static double median(double[] values) {
        return percentile(values, 50);
    }
}
