package io.boss.bench.scheduler;

import io.boss.api.ResourceKind;
import io.boss.api.model.Condition;
import io.boss.api.model.ConditionTypes;
import io.boss.api.model.Container;
import io.boss.api.model.Node;
import io.boss.api.model.Pod;
import io.boss.api.model.ProviderStatus;
import io.boss.api.model.ResourceRequirements;
import io.boss.api.model.RuntimeCapabilities;
import io.boss.server.informer.TypedCodec;
import io.boss.server.leader.LeadershipManager;
import io.boss.server.scheduler.Scheduler;
import io.boss.server.scheduler.SchedulerSettings;
import io.boss.store.Operation;
import io.boss.store.Registry;
import io.boss.store.StoreException;
import io.boss.store.Watch;
import io.boss.store.WatchEvent;
import io.boss.store.WatchListener;
import io.boss.store.ratis.RatisRegistry;
import io.boss.store.ratis.RegistryConfig;

import io.boss.store.testing.LoopbackPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Measures scheduler throughput end to end on a real three-replica Ratis group in one JVM.
 *
 * <p>It registers {@code --nodes} Node objects with capabilities as agents would report them (no
 * agents run), then creates {@code --pods} pods with up to {@code --in-flight} creates outstanding,
 * and measures from the first create to the moment a follower's watch has seen every pod bound.
 * {@code --bind-batch} sets the scheduler's maximum binds per commit.
 * Prints pods bound per second. Usage:
 * {@code java -Xmx1g -jar bench/target/boss-bench.jar scheduler --nodes 1000 --pods 5000}.
 */
public final class SchedulerBenchmark {

    private static final TypedCodec<Pod> PODS = TypedCodec.of(ResourceKind.POD, Pod.class);
    private static final TypedCodec<Node> NODES = TypedCodec.of(ResourceKind.NODE, Node.class);
    private static final int NODES_PER_BATCH = 100;

    private SchedulerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int nodeCount = Integer.parseInt(options.getOrDefault("nodes", "1000"));
        int podCount = Integer.parseInt(options.getOrDefault("pods", "5000"));
        int inFlight = Integer.parseInt(options.getOrDefault("in-flight", "256"));
        int bindBatch = Integer.parseInt(options.getOrDefault("bind-batch",
                Integer.toString(SchedulerSettings.defaults().maxBindBatch())));
        Path dataDirectory = Files.createTempDirectory("boss-scheduler-bench");

        Map<String, RatisRegistry> replicas = new LinkedHashMap<>();
        List<LeadershipManager> managers = new ArrayList<>();
        try {
            startCluster(dataDirectory, replicas, managers, bindBatch);
            Registry leader = awaitLeader(replicas);
            Registry follower = replicas.values().stream().filter(r -> r != leader).findFirst().orElseThrow();

            registerNodes(leader, nodeCount);
            System.out.printf("registered %d nodes%n", nodeCount);

            CountDownLatch allBound = new CountDownLatch(podCount);
            Set<String> bound = ConcurrentHashMap.newKeySet();
            Watch watch = follower.watch("/registry/pods/", follower.currentRevision() + 1, new WatchListener() {
                @Override
                public void onEvent(WatchEvent event) {
                    if (event.type() == WatchEvent.Type.PUT) {
                        Pod pod = PODS.decode(event.entry());
                        String nodeName = pod.getSpec().getNodeName();
                        if (nodeName != null && !nodeName.isEmpty() && bound.add(pod.key())) {
                            allBound.countDown();
                        }
                    }
                }

                @Override
                public void onClosed(StoreException cause) {
                    if (cause != null) {
                        System.err.println("benchmark watch closed: " + cause.getMessage());
                    }
                }
            });

            long start = System.nanoTime();
            long createdAt = createPods(leader, podCount, inFlight);
            if (!allBound.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("only " + bound.size() + " of " + podCount + " pods bound within 10 minutes");
            }
            long end = System.nanoTime();
            watch.close();

            double createSeconds = (createdAt - start) / 1e9;
            double totalSeconds = (end - start) / 1e9;
            System.out.printf("created %d pods in %.2f s (%.0f creates/s, %d in flight)%n",
                    podCount, createSeconds, podCount / createSeconds, inFlight);
            System.out.printf("bound %d pods on %d nodes in %.2f s from first create to last bind: %.0f pods bound/s%n",
                    podCount, nodeCount, totalSeconds, podCount / totalSeconds);
        } finally {
            for (LeadershipManager manager : managers) {
                manager.stop();
            }
            for (RatisRegistry registry : replicas.values()) {
                registry.close();
            }
            deleteRecursively(dataDirectory);
        }
    }

    private static void startCluster(Path dataDirectory, Map<String, RatisRegistry> replicas,
                                     List<LeadershipManager> managers, int bindBatch) throws IOException {
        SchedulerSettings defaults = SchedulerSettings.defaults();
        SchedulerSettings settings = new SchedulerSettings(defaults.retryBaseDelay(), defaults.retryMaxDelay(),
                defaults.maxBindsInFlight(), bindBatch, defaults.maxBatchesInFlight(), defaults.informerRetryDelay());
        Map<String, String> peers = new LinkedHashMap<>();
        for (String id : List.of("s1", "s2", "s3")) {
            peers.put(id, "127.0.0.1:" + LoopbackPorts.next());
        }
        for (String id : peers.keySet()) {
            RatisRegistry registry = RatisRegistry.start(RegistryConfig.withDefaults(id, peers, dataDirectory.resolve(id))
                    .withSnapshotThreshold(100_000));
            replicas.put(id, registry);
            LeadershipManager manager = new LeadershipManager(registry, id, Duration.ofSeconds(10));
            manager.register(new Scheduler(registry, settings, Clock.systemUTC()));
            manager.start();
            managers.add(manager);
        }
    }

    private static Registry awaitLeader(Map<String, RatisRegistry> replicas) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (RatisRegistry registry : replicas.values()) {
                if (registry.isLeader()) {
                    return registry;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no leader elected within 30 s");
    }

    private static void registerNodes(Registry store, int count) throws Exception {
        List<Operation> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Node node = node(String.format("node-%04d", i));
            batch.add(new Operation.Create(NODES.key(node), NODES.encode(node)));
            if (batch.size() == NODES_PER_BATCH || i == count - 1) {
                commitWithRetry(store, List.copyOf(batch));
                batch.clear();
            }
        }
    }

    /**
     * Commits {@code batch}, retrying while the group has no leader. KEY_EXISTS on a retry means an
     * earlier attempt committed after its timeout, so the batch is in.
     */
    private static void commitWithRetry(Registry store, List<Operation> batch) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                store.commit(batch).get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof StoreException failure)) {
                    throw e;
                }
                if (failure.reason() == StoreException.Reason.KEY_EXISTS && attempt > 1) {
                    return;
                }
                if (failure.reason() != StoreException.Reason.NO_QUORUM || attempt == 5) {
                    throw failure;
                }
                System.err.println("node registration attempt " + attempt + " failed (" + failure.getMessage() + "); retrying");
            }
        }
    }

    /** Creates the pods with at most {@code inFlight} commits outstanding; returns when the last create committed. */
    private static long createPods(Registry store, int count, int inFlight) throws Exception {
        Semaphore permits = new Semaphore(inFlight);
        AtomicLong failures = new AtomicLong();
        List<CompletableFuture<?>> pending = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Pod pod = pod("bench-" + i);
            permits.acquire();
            pending.add(createWithRetry(store, new Operation.Create(PODS.key(pod), PODS.encode(pod)), 1)
                    .whenComplete((result, failure) -> {
                        permits.release();
                        if (failure != null) {
                            failures.incrementAndGet();
                        }
                    }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).get();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " pod creates failed");
        }
        return System.nanoTime();
    }

    /** Creates one pod, retrying up to five times while the group has no leader. */
    private static CompletableFuture<Void> createWithRetry(Registry store, Operation create, int attempt) {
        return store.commit(List.of(create)).<Void>thenApply(result -> null).exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof StoreException storeFailure) {
                if (storeFailure.reason() == StoreException.Reason.KEY_EXISTS && attempt > 1) {
                    return CompletableFuture.completedFuture(null);
                }
                if (storeFailure.reason() == StoreException.Reason.NO_QUORUM && attempt < 5) {
                    return createWithRetry(store, create, attempt + 1);
                }
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    private static Node node(String name) {
        Node node = new Node(null, name);
        node.getStatus().setConditions(List.of(new Condition(ConditionTypes.READY, Condition.TRUE, null, null)));
        node.getStatus().setAllocatable(Map.of("cpu", "16", "memory", "64Gi"));
        ProviderStatus process = new ProviderStatus();
        process.setName("process");
        process.setHealthy(true);
        process.setClasses(List.of("process"));
        process.setArtifactTypes(List.of("executable"));
        process.setIsolationLevels(List.of("sharedHost"));
        process.setNetworkModes(List.of("host"));
        process.setCapacity(110);
        ProviderStatus wasm = new ProviderStatus();
        wasm.setName("wasm");
        wasm.setHealthy(true);
        wasm.setClasses(List.of("wasm"));
        wasm.setArtifactTypes(List.of("wasmModule"));
        wasm.setIsolationLevels(List.of("runtimeSandboxed"));
        wasm.setNetworkModes(List.of("none"));
        RuntimeCapabilities capabilities = new RuntimeCapabilities();
        capabilities.setProviders(List.of(process, wasm));
        node.getStatus().setRuntimeCapabilities(capabilities);
        return node;
    }

    private static Pod pod(String name) {
        Pod pod = new Pod("default", name);
        pod.getMetadata().setUid(UUID.randomUUID().toString());
        Container container = new Container();
        container.setName("main");
        container.setCommand(List.of("/bin/sleep", "3600"));
        ResourceRequirements resources = new ResourceRequirements();
        resources.setRequests(Map.of("cpu", "100m", "memory", "128Mi"));
        container.setResources(resources);
        pod.getSpec().setContainers(List.of(container));
        return pod;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("invalid argument " + args[i]
                        + ": expected --nodes N, --pods N, --in-flight N or --bind-batch N");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }


    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
