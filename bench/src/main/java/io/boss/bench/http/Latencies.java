package io.boss.bench.http;

import java.util.Arrays;

/** Sorted latency samples in nanoseconds, with the quantiles the benchmarks print. */
public final class Latencies {

    private final long[] sorted;

    public Latencies(long[] nanos) {
        this.sorted = nanos.clone();
        Arrays.sort(this.sorted);
    }

    public int count() {
        return sorted.length;
    }

    /** Returns the nearest-rank quantile in milliseconds, for example {@code 0.99} for p99. */
    public double millis(double quantile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    public double maxMillis() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
    }

    /** Returns the current one-minute load average of the host, printed next to every figure. */
    public static String hostLoad() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format("load %.1f on %d cores", load, Runtime.getRuntime().availableProcessors());
    }
}
