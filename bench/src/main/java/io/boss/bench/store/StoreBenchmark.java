package io.boss.bench.store;

import io.boss.store.Operation;
import io.boss.store.ReadConsistency;
import io.boss.store.ratis.RatisRegistry;
import io.boss.store.ratis.RegistryConfig;
import io.boss.store.testing.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Measures the replicated registry: a three-replica Ratis group on loopback ports in this JVM,
 * with data in a temporary directory that is deleted at the end.
 *
 * <p>Prints put throughput and commit latency for 1 and 32 clients with 256-byte values, and
 * for 1 client that writes through a follower, linearizable read throughput, and the heap taken by 100,000 keys of 256 bytes. Because the
 * three replicas share this JVM's heap, the per-replica footprint is the measured heap growth
 * divided by three. Options: {@code --seconds N} per phase (default 10), {@code --keys N} for the
 * memory phase (default 100,000).
 */
public final class StoreBenchmark {

    private static final int VALUE_BYTES = 256;
    private static final int MANY_CLIENTS = 32;
    private static final List<String> IDS = List.of("b1", "b2", "b3");

    private final int seconds;
    private final int memoryKeys;
    private final byte[] value = new byte[VALUE_BYTES];
    private final AtomicLong keySequence = new AtomicLong();

    private StoreBenchmark(int seconds, int memoryKeys) {
        this.seconds = seconds;
        this.memoryKeys = memoryKeys;
        Arrays.fill(value, (byte) 'v');
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parseOptions(args);
        StoreBenchmark benchmark = new StoreBenchmark(
                Integer.parseInt(options.getOrDefault("seconds", "10")),
                Integer.parseInt(options.getOrDefault("keys", "100000")));
        benchmark.run();
    }

    private void run() throws Exception {
        Path root = Files.createTempDirectory("boss-store-bench");
        List<RatisRegistry> replicas = new ArrayList<>();
        try {
            Map<String, String> peers = new LinkedHashMap<>();
            for (String id : IDS) {
                peers.put(id, "127.0.0.1:" + LoopbackPorts.next());
            }
            for (String id : IDS) {
                replicas.add(RatisRegistry.start(RegistryConfig.withDefaults(id, peers, root.resolve(id))));
            }
            RatisRegistry leader = awaitLeader(replicas);
            System.out.printf("store benchmark: 3 replicas in one JVM, %d s per phase, %d-byte values, %d cores, max heap %d MiB%n",
                    seconds, VALUE_BYTES, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

            RatisRegistry follower = replicas.stream().filter(replica -> replica != leader).findFirst().orElseThrow();
            putPhase(leader, 8, Math.min(5, seconds), null);
            putPhase(leader, 1, seconds, "put, 1 client");
            putPhase(leader, MANY_CLIENTS, seconds, "put, " + MANY_CLIENTS + " clients");
            putPhase(follower, 1, seconds, "put via follower, 1 client");
            readPhase(leader, 1);
            readPhase(leader, MANY_CLIENTS);
            memoryPhase(leader, replicas);
        } finally {
            replicas.forEach(RatisRegistry::close);
            deleteRecursively(root);
        }
    }

    /**
     * Runs {@code clients} threads that each commit one create at a time through {@code replica}
     * for {@code phaseSeconds}; prints the figures under {@code label} unless it is null (warm-up).
     */
    private void putPhase(RatisRegistry replica, int clients, int phaseSeconds, String label) throws Exception {
        List<long[]> latencies = runClients(clients, phaseSeconds, () -> {
            String key = "/bench/put/" + keySequence.incrementAndGet();
            replica.commit(List.of(new Operation.Create(key, value))).get(30, TimeUnit.SECONDS);
        });
        if (label != null) {
            report(label, latencies, phaseSeconds);
        }
    }

    private void readPhase(RatisRegistry leader, int clients) throws Exception {
        List<long[]> latencies = runClients(clients, seconds, () -> {
            long key = 1 + (System.nanoTime() & 0xFFF);
            leader.get("/bench/put/" + key, ReadConsistency.LINEARIZABLE).get(30, TimeUnit.SECONDS);
        });
        report("linearizable get, " + clients + " client" + (clients == 1 ? "" : "s"), latencies, seconds);
    }

    private void memoryPhase(RatisRegistry leader, List<RatisRegistry> replicas) throws Exception {
        long before = usedHeapAfterGc();
        int keysBefore = leader.keyCount();
        AtomicLong next = new AtomicLong();
        List<CompletableFuture<?>> window = new ArrayList<>();
        long started = System.nanoTime();
        while (next.get() < memoryKeys) {
            String key = "/bench/memory/" + next.incrementAndGet();
            window.add(leader.commit(List.of(new Operation.Create(key, value))));
            if (window.size() == 256) {
                CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                window.clear();
            }
        }
        CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        double loadSeconds = (System.nanoTime() - started) / 1e9;
        for (RatisRegistry replica : replicas) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (replica.keyCount() < keysBefore + memoryKeys && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
        long after = usedHeapAfterGc();
        long perReplica = (after - before) / replicas.size();
        System.out.printf("memory: loaded %,d keys of %d bytes in %.1f s (%,.0f puts/s, 256 in flight); heap after GC %,d MiB -> %,d MiB%n",
                memoryKeys, VALUE_BYTES, loadSeconds, memoryKeys / loadSeconds, before >> 20, after >> 20);
        System.out.printf("memory: per replica %,d MiB for %,d keys (%,d bytes per key, heap growth / 3); total keys per replica %,d%n",
                perReplica >> 20, memoryKeys, perReplica / memoryKeys, leader.keyCount());
    }

    private List<long[]> runClients(int clients, int phaseSeconds, Request request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(phaseSeconds);
        List<Future<long[]>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            results.add(pool.submit(() -> {
                long[] samples = new long[1 << 16];
                int count = 0;
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    request.run();
                    if (count == samples.length) {
                        samples = Arrays.copyOf(samples, samples.length * 2);
                    }
                    samples[count++] = System.nanoTime() - start;
                }
                return Arrays.copyOf(samples, count);
            }));
        }
        List<long[]> latencies = new ArrayList<>();
        for (Future<long[]> result : results) {
            latencies.add(result.get());
        }
        pool.shutdown();
        return latencies;
    }

    private static void report(String phase, List<long[]> latencies, int phaseSeconds) {
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        if (all.length == 0) {
            System.out.printf("%-26s no request completed%n", phase);
            return;
        }
        System.out.printf("%-26s %,9.0f ops/s   p50 %6.2f ms   p99 %6.2f ms   max %7.2f ms   (%,d ops)%n",
                phase, all.length / (double) phaseSeconds, millis(all, 0.50), millis(all, 0.99),
                all[all.length - 1] / 1e6, all.length);
    }

    private static double millis(long[] sorted, double quantile) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static RatisRegistry awaitLeader(List<RatisRegistry> replicas) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (RatisRegistry replica : replicas) {
                if (replica.isLeader()) {
                    return replica;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no leader was elected within 30 s");
    }

    private static Map<String, String> parseOptions(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("invalid option '" + args[i] + "': expected --seconds N or --keys N");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }


    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @FunctionalInterface
    private interface Request {
        void run() throws Exception;
    }
}
