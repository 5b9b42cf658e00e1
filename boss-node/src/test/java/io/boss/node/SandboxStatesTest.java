package io.boss.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.boss.api.client.BossClient;
import io.boss.api.client.WatchHandle;
import io.boss.api.model.Artifact;
import io.boss.api.model.Container;
import io.boss.api.model.Pod;
import io.boss.api.model.PodStatus;
import io.boss.api.model.SandboxIntent;
import io.boss.node.sync.PodReconciler;
import io.boss.node.sync.PodSandboxSpecs;
import io.boss.runtime.SandboxStatus;
import io.boss.runtime.process.ProcessProvider;
import io.boss.server.testing.LocalCluster;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandboxState and phase a real agent reports while it prepares, runs and ends a pod's sandbox,
 * against a real one-replica server cluster. A slow artifact download comes from an HTTP server on
 * loopback that delays each response until the test releases it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SandboxStatesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NODE = "states-node";

    @TempDir
    static Path dir;

    private static LocalCluster cluster;
    private static BossClient client;
    private static AgentHarness agent;
    private static HttpServer artifactServer;
    private static final CountDownLatch RELEASE_ARTIFACT = new CountDownLatch(1);

    @BeforeAll
    static void start() throws Exception {
        artifactServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        artifactServer.createContext("/hello.wasm", exchange -> {
            try {
                RELEASE_ARTIFACT.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, ProviderPodsEndToEndTest.HELLO_WASM.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(ProviderPodsEndToEndTest.HELLO_WASM);
            }
        });
        artifactServer.start();

        // Short bookmarks: a server watch sends its response headers with its first line.
        cluster = LocalCluster.builder(dir.resolve("cluster")).replicas(1)
                .configure(configuration -> configuration.getApi().setBookmarkInterval(
                        io.dropwizard.util.Duration.seconds(2)))
                .start();
        List<URI> servers = new ArrayList<>();
        cluster.replicas().forEach(replica -> servers.add(replica.apiUri()));
        client = BossClient.builder().endpoints(String.join(",", servers.stream().map(URI::toString).toList()))
                .retryTimeout(Duration.ofSeconds(15)).build();
        agent = new AgentHarness(NODE, dir.resolve("state"), servers).start();
    }

    @AfterAll
    static void stop() throws Exception {
        RELEASE_ARTIFACT.countDown();
        try {
            if (agent != null) {
                agent.stop();
            }
            ProcessProvider sandboxes = new ProcessProvider(dir.resolve("state"));
            for (SandboxStatus sandbox : sandboxes.list()) {
                sandboxes.remove(sandbox.sandboxId());
            }
        } finally {
            if (client != null) {
                client.close();
            }
            if (cluster != null) {
                cluster.close();
            }
            if (artifactServer != null) {
                artifactServer.stop(0);
            }
        }
    }

    @Test
    void slowArtifactFetchIsReportedAsPreparing() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Pod pod = wasmPod("slow-fetch", "http://127.0.0.1:" + artifactServer.getAddress().getPort() + "/hello.wasm");
        Pod created = client.create(pod);
        // The agent writes nothing before the report delay, so a watch from the created revision misses nothing.
        try (WatchHandle watch = client.watch(Pod.class, "default", null, "metadata.name=slow-fetch",
                created.getMetadata().getResourceVersion(),
                event -> seen.add(stateAndPhase(event.getObject().getStatus())))) {
            await("pod slow-fetch reported Preparing/Pending").atMost(WAIT).untilAsserted(() ->
                    assertTrue(seen.contains("Preparing/Pending"), "states seen: " + seen));
            RELEASE_ARTIFACT.countDown();
            await("pod slow-fetch reported Exited/Succeeded").atMost(WAIT).untilAsserted(() ->
                    assertTrue(seen.contains("Exited/Succeeded"), "states seen: " + seen));
        }

        assertTrue(seen.contains("Running/Running"), "states seen: " + seen);
        int preparing = seen.indexOf("Preparing/Pending");
        int running = seen.indexOf("Running/Running");
        int exited = seen.indexOf("Exited/Succeeded");
        assertTrue(preparing < running, "Running seen before Preparing: " + seen);
        assertTrue(running < exited, "Exited seen before Running: " + seen);
        assertEquals(0, read("slow-fetch").getStatus().getExitCode());
    }

    @Test
    void commandExitingZeroEndsExitedSucceeded() {
        Pod pod = client.create(processPod("exit-zero", "sh", "-c", "exit 0"));

        PodStatus status = awaitPhase(pod, "Succeeded");

        assertEquals("Exited", status.getSandboxState());
        assertEquals(0, status.getExitCode());
    }

    @Test
    void commandExitingThreeEndsExitedFailed() {
        Pod pod = client.create(processPod("exit-three", "sh", "-c", "exit 3"));

        PodStatus status = awaitPhase(pod, "Failed");

        assertEquals("Exited", status.getSandboxState());
        assertEquals(3, status.getExitCode());
    }

    @Test
    void runningCommandIsReportedRunning() {
        Pod pod = client.create(processPod("sleeper", "sleep", "300"));

        PodStatus status = awaitPhase(pod, "Running");

        assertEquals("Running", status.getSandboxState());
    }

    @Test
    void unknownCommandEndsFailedWithReason() {
        Pod pod = client.create(processPod("missing-command", "/nonexistent/command"));

        PodStatus status = awaitPhase(pod, "Failed");

        assertEquals("Failed", status.getSandboxState());
        assertEquals("CreateFailed", status.getReason());
    }

    private static String stateAndPhase(PodStatus status) {
        if (status == null) {
            return "no status";
        }
        return status.getSandboxState() + "/" + status.getPhase();
    }

    private static Pod processPod(String name, String... command) {
        Pod pod = new Pod("default", name);
        Container container = new Container();
        container.setName("main");
        container.setCommand(List.of(command));
        pod.getSpec().setContainers(List.of(container));
        pod.getSpec().setRestartPolicy("Never");
        pod.getSpec().setNodeName(NODE);
        pod.getMetadata().getAnnotations().put(PodSandboxSpecs.RESOLVED_CLASS_ANNOTATION, "process");
        return pod;
    }

    private static Pod wasmPod(String name, String uri) {
        Pod pod = new Pod("default", name);
        Container container = new Container();
        container.setName("main");
        pod.getSpec().setContainers(List.of(container));
        pod.getSpec().setRestartPolicy("Never");
        pod.getSpec().setSandboxClass("wasm");
        Artifact artifact = new Artifact();
        artifact.setType("wasmModule");
        artifact.setUri(uri);
        SandboxIntent intent = new SandboxIntent();
        intent.setArtifact(artifact);
        pod.getSpec().setSandbox(intent);
        pod.getSpec().setNodeName(NODE);
        pod.getMetadata().getAnnotations().put(PodSandboxSpecs.RESOLVED_CLASS_ANNOTATION, "wasm");
        pod.getMetadata().getAnnotations().put(PodReconciler.SELECTED_PROVIDER_ANNOTATION, "wasm");
        return pod;
    }

    private static PodStatus awaitPhase(Pod pod, String phase) {
        return await("pod " + pod.key() + " in phase " + phase).atMost(WAIT)
                .until(() -> read(pod.getMetadata().getName()).getStatus(), status -> phase.equals(status.getPhase()));
    }

    private static Pod read(String name) {
        return client.get(Pod.class, "default", name).orElseThrow();
    }
}
