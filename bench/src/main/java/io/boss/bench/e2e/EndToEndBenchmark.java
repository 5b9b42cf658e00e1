package io.boss.bench.e2e;

import io.boss.api.client.BossClient;
import io.boss.api.client.WatchHandle;
import io.boss.api.client.WatchListener;
import io.boss.api.error.BossApiException;
import io.boss.api.json.Serialization;
import io.boss.api.model.Condition;
import io.boss.api.model.ConditionTypes;
import io.boss.api.model.Container;
import io.boss.api.model.Node;
import io.boss.api.model.Pod;
import io.boss.api.model.PodPhase;
import io.boss.api.model.WatchEvent;
import io.boss.bench.http.ClusterProcesses;
import io.boss.bench.http.HttpBenchmark;
import io.boss.bench.http.Latencies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Measures apply-to-Running latency end to end: three server replicas and one node agent with the
 * process provider, all child JVMs on loopback (see {@link ClusterProcesses}).
 *
 * <p>A pod's latency runs from the start of its create call to the first watch event that shows
 * it in phase Running; the same watch also times the bind (the first event with
 * {@code spec.nodeName} set), which splits the latency into the scheduler's part and the agent's.
 * First {@code --single} pods are created one at a time, each after the previous one runs, to
 * show the latency without queueing. A pod that ends by itself, as the WASM example does, is
 * also awaited to its end. The first of them is reported alone as the cold start (the agent
 * fetches and caches the artifact), the others as warm starts. Then {@code --pods} pods are
 * created back to back by one client. All are deleted at the end.
 *
 * <p>Before any of that, {@code --warmup} process pods ({@code sleep 300}) are created one at a
 * time and deleted again, so that the measured pods meet the code paths of the servers and the
 * agent compiled, as on a control plane that has been up for a while. The cold start stays cold
 * for the measured class: the warm-up pods use no artifact and, with a manifest, another provider.
 *
 * <p>By default every pod runs {@code sleep 300} with the process provider, and the agent has the
 * process provider only. With {@code --manifest FILE} every pod is a copy of the pod in that YAML
 * file, such as {@code examples/out/wasm-pod.yaml}, and the agent enables every provider it finds
 * usable; {@code --kernel FILE} gives its vm and microvm providers a kernel, and
 * {@code --disk-initrd FILE} the initramfs that boots diskImage pods. A pod that exits
 * before its Running status is written counts from its first Succeeded status.
 *
 * <p>Options: {@code --pods N} (default 100), {@code --single N} (default 10), {@code --warmup N} (default 30),
 * {@code --sync-workers
 * N} pod sync threads of the agent (default: the agent's own default), {@code --manifest FILE},
 * {@code --kernel FILE}, {@code --disk-initrd FILE}, {@code --checkout DIR} with the built jars (default the current
 * directory), {@code --keep} to keep the temporary directory with data and logs.
 */
public final class EndToEndBenchmark {

    private static final String NAMESPACE = "e2e";
    private static final String NODE = "bench-node";
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    /** How long the first pod may take from Running to its end for pods to count as ending by themselves. */
    private static final Duration POD_END_WAIT = Duration.ofSeconds(2);

    private final BossClient client;
    private final Pod template;
    private final Map<String, Long> createStarted = new ConcurrentHashMap<>();
    private final Map<String, Long> bound = new ConcurrentHashMap<>();
    private final Map<String, Long> running = new ConcurrentHashMap<>();
    private final Map<String, Long> finished = new ConcurrentHashMap<>();

    private EndToEndBenchmark(BossClient client, Pod template) {
        this.client = client;
        this.template = template;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = HttpBenchmark.parseOptions(args);
        int pods = Integer.parseInt(options.getOrDefault("pods", "100"));
        int single = Integer.parseInt(options.getOrDefault("single", "10"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "30"));
        Path checkout = Path.of(options.getOrDefault("checkout", ".")).toAbsolutePath();
        boolean keep = options.containsKey("keep");
        int syncWorkers = Integer.parseInt(options.getOrDefault("sync-workers", "0"));
        Pod template = options.containsKey("manifest") ? readPod(Path.of(options.get("manifest"))) : null;
        List<String> providers = providerLines(template, options.get("kernel"), options.get("disk-initrd"));

        System.out.printf("e2e benchmark: 3 replicas and 1 agent as child JVMs (-Xmx256m), %d warm-up pods, then %d + %d pods of class %s, %s%n",
                warmup, single, pods, template == null ? "process" : template.getSpec().getSandboxClass(), Latencies.hostLoad());
        ClusterProcesses cluster = ClusterProcesses.startReplicas(checkout);
        try {
            cluster.startAgent(NODE, syncWorkers, providers);
            BossClient client = BossClient.builder().endpoints(cluster.endpoints())
                    .retryTimeout(Duration.ofSeconds(30)).build();
            try {
                new EndToEndBenchmark(client, template).run(warmup, single, pods);
            } finally {
                client.close();
            }
        } finally {
            cluster.close();
            if (!keep) {
                cluster.deleteDirectory();
            }
        }
    }

    private static Pod readPod(Path manifest) throws IOException {
        return Serialization.read(Files.readAllBytes(manifest), "application/yaml", Pod.class);
    }

    /** Returns the agent's {@code providers:} lines: process only for the built-in pod, else every usable provider. */
    private static List<String> providerLines(Pod template, String kernel, String diskInitrd) {
        if (template == null) {
            return List.of("  namespaced:", "    enabled: false");
        }
        if (kernel == null) {
            return List.of();
        }
        String settings = "kernel: " + Path.of(kernel).toAbsolutePath();
        if (diskInitrd != null) {
            settings += ", diskInitrd: " + Path.of(diskInitrd).toAbsolutePath();
        }
        return List.of("  vm: {" + settings + "}", "  microvm: {" + settings + "}");
    }

    private void run(int warmup, int single, int pods) throws InterruptedException {
        waitFor("node " + NODE + " Ready", this::nodeReady);
        String listRevision = client.list(Pod.class, NAMESPACE, null, null).getMetadata().getResourceVersion();
        WatchHandle watch = client.watch(Pod.class, NAMESPACE, null, null, listRevision, new Recorder());
        try {
            if (warmup > 0) {
                warmUp(warmup);
            }
            boolean podsEnd = false;
            for (int i = 0; i < single; i++) {
                String name = "single-" + i;
                create(name);
                waitFor("pod " + name + " Running", () -> running.containsKey(name));
                if (i == 0) {
                    podsEnd = endsWithin(name, POD_END_WAIT);
                } else if (podsEnd) {
                    waitFor("pod " + name + " to end", () -> finished.containsKey(name));
                }
            }
            if (single > 0) {
                report("first pod (cold)", "single-", 0, 1, createStarted.get("single-0"));
            }
            if (single > 1) {
                report("one pod at a time (warm)", "single-", 1, single, createStarted.get("single-1"));
            }

            long burstStart = System.nanoTime();
            for (int i = 0; i < pods; i++) {
                create("burst-" + i);
            }
            long createsDone = System.nanoTime();
            waitFor(pods + " pods Running", () -> countRunning("burst-") == pods);
            System.out.printf("burst: %d creates took %d ms (%.0f /s)%n", pods, (createsDone - burstStart) / 1_000_000,
                    pods / ((createsDone - burstStart) / 1e9));
            if (pods > 0) {
                report("burst of " + pods, "burst-", 0, pods, burstStart);
            }

            deleteAll();
        } finally {
            watch.close();
        }
    }

    /** Runs {@code count} process pods one at a time, then deletes them and waits until they are gone. */
    private void warmUp(int count) throws InterruptedException {
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String name = "warmup-" + i;
            create(name, processPod());
            waitFor("pod " + name + " Running", () -> running.containsKey(name));
        }
        deleteAll();
        System.out.printf("warm-up: %d process pods run and deleted in %d ms%n", count, (System.nanoTime() - started) / 1_000_000);
    }

    private void create(String name) {
        create(name, template == null ? processPod() : Serialization.copy(template));
    }

    private void create(String name, Pod pod) {
        pod.getMetadata().setNamespace(NAMESPACE);
        pod.getMetadata().setName(name);
        pod.getMetadata().setLabels(Map.of("app", "e2e-bench"));

        createStarted.put(name, System.nanoTime());
        client.create(pod);
    }

    private static Pod processPod() {
        Pod pod = new Pod(NAMESPACE, "e2e");
        pod.getSpec().setSandboxClass("process");
        pod.getSpec().setRestartPolicy("Never");
        pod.getSpec().setTerminationGracePeriodSeconds(1L);
        Container container = new Container();
        container.setName("main");
        container.setCommand(List.of("sleep", "300"));
        pod.getSpec().setContainers(List.of(container));
        return pod;
    }

    /**
     * Prints create-to-Running, create-to-bound and bound-to-Running quantiles of the pods named
     * {@code prefix} followed by {@code from} up to {@code to} (exclusive).
     */
    private void report(String phase, String prefix, int from, int to, long phaseStart) {
        int count = to - from;
        long[] total = new long[count];
        long[] scheduling = new long[count];
        long[] starting = new long[count];
        long lastRunning = 0;
        for (int i = 0; i < count; i++) {
            String name = prefix + (from + i);
            long created = createStarted.get(name);
            long boundAt = bound.getOrDefault(name, running.get(name));
            total[i] = running.get(name) - created;
            scheduling[i] = boundAt - created;
            starting[i] = running.get(name) - boundAt;
            lastRunning = Math.max(lastRunning, running.get(name));
        }
        Latencies totals = new Latencies(total);
        Latencies bind = new Latencies(scheduling);
        Latencies start = new Latencies(starting);
        System.out.printf("%s: create->Running p50 %.0f ms, p99 %.0f ms, max %.0f ms; %.1f pods Running/s (%s)%n",
                phase, totals.millis(0.5), totals.millis(0.99), totals.maxMillis(),
                count / ((lastRunning - phaseStart) / 1e9), Latencies.hostLoad());
        System.out.printf("    of which create->bound p50 %.0f ms, p99 %.0f ms; bound->Running p50 %.0f ms, p99 %.0f ms%n",
                bind.millis(0.5), bind.millis(0.99), start.millis(0.5), start.millis(0.99));
    }

    private void deleteAll() throws InterruptedException {
        long started = System.nanoTime();
        for (Pod pod : client.list(Pod.class, NAMESPACE, null, null).getItems()) {
            try {
                client.delete(Pod.class, NAMESPACE, pod.getMetadata().getName(), null);
            } catch (BossApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        waitFor("every pod deleted", () -> client.list(Pod.class, NAMESPACE, null, null).getItems().isEmpty());
        System.out.printf("deleted every pod in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    private long countRunning(String prefix) {
        return running.keySet().stream().filter(name -> name.startsWith(prefix)).count();
    }

    private boolean nodeReady() {
        return client.get(Node.class, null, NODE)
                .map(node -> node.getStatus().getConditions().stream().anyMatch(condition ->
                        ConditionTypes.READY.equals(condition.getType()) && Condition.TRUE.equals(condition.getStatus())))
                .orElse(false);
    }

    /**
     * Returns whether pod {@code name} reaches Succeeded or Failed within {@code wait}. When the
     * first pod ends by itself, every later one is awaited to its end before the next is created,
     * so that no create queues behind the exit status and events of the pod before it.
     */
    private boolean endsWithin(String name, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (finished.containsKey(name)) {
                System.out.printf("pods end by themselves; each is awaited to its end before the next is created%n");
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    private static void waitFor(String condition, BooleanSupplier satisfied) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!satisfied.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + TIMEOUT.toSeconds() + " s waiting for " + condition);
            }
            Thread.sleep(5);
        }
    }

    /** Records, per pod name, when the watch first showed it bound and first showed it Running or Succeeded. */
    private final class Recorder implements WatchListener<Pod> {

        @Override
        public void onEvent(WatchEvent<Pod> event) {
            record(event.getObject());
        }

        @Override
        public void onResync(List<Pod> items, String resourceVersion) {
            items.forEach(this::record);
        }

        private void record(Pod pod) {
            long now = System.nanoTime();
            String name = pod.getMetadata().getName();
            String nodeName = pod.getSpec().getNodeName();
            if (nodeName != null && !nodeName.isEmpty()) {
                bound.putIfAbsent(name, now);
            }
            PodPhase phase = pod.getStatus() == null ? null : pod.getStatus().resolvedPhase();
            if (phase == PodPhase.RUNNING || phase == PodPhase.SUCCEEDED) {
                running.putIfAbsent(name, now);
            }
            if (phase == PodPhase.SUCCEEDED || phase == PodPhase.FAILED) {
                finished.putIfAbsent(name, now);
            }
        }
    }
}
