package io.boss.chaos.workload;

import io.boss.api.client.BossClient;
import io.boss.api.error.BossApiException;
import io.boss.api.json.Serialization;
import io.boss.api.model.Deployment;
import io.boss.api.model.Pod;
import io.boss.chaos.history.History;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scales a Deployment between 1 and {@link #MAX_REPLICAS} replicas and creates and deletes
 * standalone pods, one action every second or two. Every pod runs {@code sleep} as a host
 * process. Failed actions are logged and skipped; the checkers judge the pods, not these calls.
 */
public final class PodWorkload implements AutoCloseable {

    /** Name of the Deployment this workload scales. */
    public static final String DEPLOYMENT = "chaos-web";
    /** Label every pod of the Deployment carries. */
    public static final String APP_LABEL = "chaos-web";

    private static final Logger LOG = LoggerFactory.getLogger(PodWorkload.class);
    private static final int MAX_REPLICAS = 4;
    private static final int MAX_STANDALONE = 3;

    private final BossClient client;
    private final String namespace;
    private final History history;
    private final Random random;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger ops = new AtomicInteger();
    private final List<String> standalone = new ArrayList<>();
    private final Thread thread = new Thread(this::run, "chaos-pods");
    private int nextPod;

    public PodWorkload(BossClient client, String namespace, History history, long seed) {
        this.client = client;
        this.namespace = namespace;
        this.history = history;
        this.random = new Random(seed);
        thread.setDaemon(true);
    }

    /** Creates the Deployment with two replicas and starts the background actions. */
    public void start() {
        client.create(deployment(2));
        ops.incrementAndGet();
        thread.start();
    }

    public int ops() {
        return ops.get();
    }

    /**
     * Stops the actions and deletes every standalone pod, so that only the Deployment's pods
     * should run. A delete that fails with 5xx (a replica still catching up) is retried for up
     * to a minute.
     */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(30_000);
        long deadline = System.nanoTime() + 60_000_000_000L;
        for (String name : List.copyOf(standalone)) {
            while (true) {
                try {
                    deletePod(name);
                    break;
                } catch (BossApiException e) {
                    if (e.code() < 500 || System.nanoTime() > deadline) {
                        throw e;
                    }
                    LOG.info("deleting pod {} failed, retrying: {}", name, e.getMessage());
                    Thread.sleep(500);
                }
            }
        }
    }

    /** Returns the replicas the Deployment asks for now. */
    public int desiredReplicas() {
        return client.get(Deployment.class, namespace, DEPLOYMENT)
                .map(deployment -> deployment.getSpec().getReplicas())
                .orElseThrow(() -> new IllegalStateException("Deployment " + DEPLOYMENT + " is missing"));
    }

    private void run() {
        while (running.get()) {
            try {
                int choice = random.nextInt(3);
                if (choice == 0) {
                    scale(1 + random.nextInt(MAX_REPLICAS));
                } else if (choice == 1 && standalone.size() < MAX_STANDALONE) {
                    createPod();
                } else if (!standalone.isEmpty()) {
                    deletePod(standalone.get(random.nextInt(standalone.size())));
                }
                Thread.sleep(1_000 + random.nextInt(1_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (BossApiException e) {
                LOG.info("pod workload action failed, continuing: {}", e.getMessage());
            }
        }
    }

    private void scale(int replicas) {
        ops.incrementAndGet();
        Deployment current = client.get(Deployment.class, namespace, DEPLOYMENT).orElseThrow();
        current.getSpec().setReplicas(replicas);
        client.update(current);
        history.event("scale", DEPLOYMENT + " to " + replicas + " replicas");
    }

    private void createPod() {
        String name = "solo-" + nextPod++;
        ops.incrementAndGet();
        standalone.add(name);
        try {
            client.create(pod(name));
        } catch (BossApiException e) {
            if (!e.is("AlreadyExists")) {
                throw e;
            }
        }
        history.event("create-pod", name);
    }

    private void deletePod(String name) {
        ops.incrementAndGet();
        try {
            client.delete(Pod.class, namespace, name, null);
        } catch (BossApiException e) {
            if (!e.is("NotFound")) {
                throw e;
            }
        }
        standalone.remove(name);
        history.event("delete-pod", name);
    }

    private Deployment deployment(int replicas) {
        String yaml = String.join("\n",
                "apiVersion: boss.io/v1",
                "kind: Deployment",
                "metadata: {name: " + DEPLOYMENT + ", namespace: " + namespace + "}",
                "spec:",
                "  replicas: " + replicas,
                "  selector: {matchLabels: {app: " + APP_LABEL + "}}",
                "  template:",
                "    metadata: {labels: {app: " + APP_LABEL + "}}",
                "    spec:",
                podSpec("      ", "Always"));
        return Serialization.read(yaml.getBytes(StandardCharsets.UTF_8), "application/yaml", Deployment.class);
    }

    private Pod pod(String name) {
        String yaml = String.join("\n",
                "apiVersion: boss.io/v1",
                "kind: Pod",
                "metadata: {name: " + name + ", namespace: " + namespace + ", labels: {app: chaos-solo}}",
                "spec:",
                podSpec("  ", "Never"));
        return Serialization.read(yaml.getBytes(StandardCharsets.UTF_8), "application/yaml", Pod.class);
    }

    private static String podSpec(String indent, String restartPolicy) {
        return String.join("\n",
                indent + "sandboxClass: process",
                indent + "sandbox: {isolation: sharedHost, network: {mode: host}}",
                indent + "restartPolicy: " + restartPolicy,
                indent + "terminationGracePeriodSeconds: 2",
                indent + "containers:",
                indent + "  - name: main",
                indent + "    command: [sleep, '3600']",
                indent + "    resources: {requests: {cpu: 10m, memory: 8Mi}}",
                "");
    }
}
