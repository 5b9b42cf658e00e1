package io.boss.bench;

import io.boss.bench.controllers.ControllersBenchmark;
import io.boss.bench.e2e.EndToEndBenchmark;
import io.boss.bench.http.HttpBenchmark;
import io.boss.bench.providers.ProvidersBenchmark;
import io.boss.bench.scheduler.SchedulerBenchmark;
import io.boss.bench.store.StoreBenchmark;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Entry point of {@code boss-bench.jar}: runs the benchmark named by the first argument. */
public final class BenchMain {

    /** A benchmark's main method, given the arguments after the benchmark name. */
    @FunctionalInterface
    interface Benchmark {
        void run(String[] args) throws Exception;
    }

    private static final Map<String, Benchmark> BENCHMARKS = new TreeMap<>(Map.of(
            "controllers", ControllersBenchmark::main,
            "e2e", EndToEndBenchmark::main,
            "http", HttpBenchmark::main,
            "providers", ProvidersBenchmark::main,
            "store", StoreBenchmark::main,
            "scheduler", SchedulerBenchmark::main));

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Benchmark benchmark = args.length == 0 ? null : BENCHMARKS.get(args[0]);
        if (benchmark == null) {
            System.err.println("usage: java -jar boss-bench.jar <benchmark> [options]; benchmarks: " + BENCHMARKS.keySet());
            System.exit(2);
        }
        benchmark.run(Arrays.copyOfRange(args, 1, args.length));
    }
}
