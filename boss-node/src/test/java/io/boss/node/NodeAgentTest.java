package io.boss.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.api.client.BossClient;
import io.boss.api.model.ConditionTypes;
import io.boss.api.model.Conditions;
import io.boss.api.model.Container;
import io.boss.api.model.Event;
import io.boss.api.model.Lease;
import io.boss.api.model.Node;
import io.boss.api.model.Pod;
import io.boss.api.model.PodStatus;
import io.boss.api.model.ProviderStatus;
import io.boss.node.registration.LeaseHeartbeat;
import io.boss.node.sync.PodReconciler;
import io.boss.node.sync.PodSandboxSpecs;
import io.boss.runtime.SandboxStatus;
import io.boss.runtime.process.ProcessProvider;
import io.boss.server.testing.LocalCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node agent against a real three-replica server cluster, running real host processes. Each
 * test gets its own node name and state directory, so tests do not see each other's pods.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NodeAgentTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger NODES = new AtomicInteger();

    @TempDir
    static Path clusterDir;

    private static LocalCluster cluster;
    private static BossClient client;

    @TempDir
    Path stateDir;

    private String nodeName;
    private AgentHarness agent;
    private ProcessProvider sandboxes;

    @BeforeAll
    static void startCluster() {
        // Short bookmarks: a server watch sends its response headers with its first line.
        cluster = LocalCluster.builder(clusterDir).replicas(3)
                .configure(configuration -> configuration.getApi().setBookmarkInterval(
                        io.dropwizard.util.Duration.seconds(2)))
                .start();
        client = BossClient.builder().endpoints(String.join(",", servers().stream().map(URI::toString).toList()))
                .retryTimeout(Duration.ofSeconds(15)).build();
    }

    @AfterAll
    static void stopCluster() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void startAgent() throws Exception {
        nodeName = "node-" + NODES.incrementAndGet();
        agent = new AgentHarness(nodeName, stateDir, servers()).start();
        // A second provider instance over the agent's state directory reads what the agent started.
        sandboxes = new ProcessProvider(stateDir);
    }

    @AfterEach
    void stopAgentAndSandboxes() throws Exception {
        try {
            agent.stop();
        } finally {
            for (SandboxStatus sandbox : sandboxes.list()) {
                sandboxes.remove(sandbox.sandboxId());
            }
        }
    }

    @Test
    void nodeRegistersWithCapabilitiesAndRenewsLease() {
        Node node = await("node " + nodeName + " registered and Ready").atMost(WAIT)
                .until(() -> client.get(Node.class, null, nodeName).orElse(null),
                        found -> found != null && Conditions.isTrue(found.getStatus().getConditions(),
                                ConditionTypes.READY));

        ProviderStatus process = node.getStatus().getRuntimeCapabilities().getProviders().get(0);
        assertEquals("process", process.getName());
        assertTrue(process.isHealthy());
        assertEquals(List.of("process"), process.getClasses());
        assertEquals(List.of("sharedHost"), process.getIsolationLevels());
        assertEquals(agent.uri().toString(), node.getStatus().getAgentEndpoint());
        assertNotNull(node.getStatus().getAllocatable().get("cpu"));

        Instant firstRenewal = awaitLease().getSpec().getRenewTime();
        await("lease renewed after " + firstRenewal).atMost(WAIT).untilAsserted(() ->
                assertTrue(awaitLease().getSpec().getRenewTime().isAfter(firstRenewal)));
        Lease lease = awaitLease();
        assertEquals(nodeName, lease.getSpec().getHolderIdentity());
        assertEquals(5, lease.getSpec().getLeaseDurationSeconds());
    }

    @Test
    void boundPodRunsAsHostProcessUntilDeleted() throws Exception {
        Pod pod = createBoundPod("web", "Always", "sleep", "300");

        PodStatus status = awaitPhase(pod, "Running");
        assertEquals("process", status.getProvider());
        assertEquals(pod.getMetadata().getUid() + "-0", status.getSandboxId());
        assertNotNull(status.getStartTime());
        assertTrue(Conditions.isTrue(status.getConditions(), ConditionTypes.SANDBOX_READY));
        long pid = pidOf(status.getSandboxId());
        assertTrue(Files.exists(Path.of("/proc", Long.toString(pid))), "no process " + pid);

        client.delete(Pod.class, "default", pod.getMetadata().getName(), null);

        await("process " + pid + " gone after the pod was deleted").atMost(WAIT)
                .untilAsserted(() -> assertFalse(isAlive(pid)));
        await("sandbox removed").atMost(WAIT).untilAsserted(() -> assertEquals(List.of(), sandboxes.list()));
    }

    @Test
    void exitCodeZeroSucceedsAndThreeFails() {
        Pod succeeding = createBoundPod("ok", "Never", "sh", "-c", "exit 0");
        Pod failing = createBoundPod("broken", "Never", "sh", "-c", "exit 3");

        PodStatus succeeded = awaitPhase(succeeding, "Succeeded");
        PodStatus failed = awaitPhase(failing, "Failed");

        assertEquals(0, succeeded.getExitCode());
        assertEquals("exited with code 0", succeeded.getMessage());
        assertEquals(3, failed.getExitCode());
        assertEquals("exited with code 3", failed.getMessage());
        assertFalse(Conditions.isTrue(failed.getConditions(), ConditionTypes.SANDBOX_READY));
    }

    @Test
    void agentRecordsStartedAndExitedEvents() {
        Pod pod = createBoundPod("evented", "Never", "sh", "-c", "exit 3");
        awaitPhase(pod, "Failed");

        List<Event> events = await("Started and Exited events about " + pod.key()).atMost(WAIT)
                .until(() -> eventsAbout(pod), found -> found.size() >= 2);

        Event started = events.stream().filter(e -> e.getReason().equals("Started")).findFirst().orElseThrow();
        assertEquals(Event.NORMAL, started.getType());
        assertEquals("Started sandbox " + pod.getMetadata().getUid() + "-0 with provider process", started.getMessage());
        assertEquals(NodeAgent.EVENT_COMPONENT, started.getSource().getComponent());
        assertEquals(nodeName, started.getSource().getHost());
        assertEquals(pod.getMetadata().getUid(), started.getInvolvedObject().getUid());
        Event exited = events.stream().filter(e -> e.getReason().equals("Exited")).findFirst().orElseThrow();
        assertEquals(Event.WARNING, exited.getType());
        assertTrue(exited.getMessage().endsWith("exited with code 3"), exited.getMessage());
    }

    @Test
    void restartPolicyAlwaysRestartsWithNewSandbox() {
        Pod pod = createBoundPod("flaky", "Always", "sh", "-c", "sleep 0.2; exit 1");

        PodStatus restarted = await("pod restarted twice").atMost(WAIT)
                .until(() -> read(pod).getStatus(), status -> status.getRestartCount() >= 2);

        assertEquals("Running", restarted.getPhase());
        assertTrue(restarted.getSandboxId().endsWith("-" + restarted.getRestartCount()), restarted.getSandboxId());
    }

    @Test
    void restartedAgentAdoptsRunningSandbox() throws Exception {
        Pod pod = createBoundPod("steady", "Always", "sleep", "300");
        String sandboxId = awaitPhase(pod, "Running").getSandboxId();
        long pid = pidOf(sandboxId);

        agent.stop();
        agent = new AgentHarness(nodeName, stateDir, servers()).start();

        Lease before = awaitLease();
        await("new agent renews the lease").atMost(WAIT).untilAsserted(() ->
                assertTrue(awaitLease().getSpec().getRenewTime().isAfter(before.getSpec().getRenewTime())));
        PodStatus status = awaitPhase(pod, "Running");
        assertEquals(sandboxId, status.getSandboxId());
        assertEquals(0, status.getRestartCount());
        assertEquals(pid, pidOf(sandboxId));
        assertEquals(1, sandboxes.list().size(), "sandboxes: " + sandboxes.list());
    }

    @Test
    void orphanStoppedWhenAgentReturns() throws Exception {
        Pod pod = createBoundPod("gone", "Always", "sleep", "300");
        long pid = pidOf(awaitPhase(pod, "Running").getSandboxId());

        agent.stop();
        client.delete(Pod.class, "default", pod.getMetadata().getName(), null);
        assertTrue(isAlive(pid), "the sandbox must outlive the agent");
        agent = new AgentHarness(nodeName, stateDir, servers()).start();

        await("orphan process " + pid + " stopped").atMost(WAIT).untilAsserted(() -> assertFalse(isAlive(pid)));
        await("orphan sandbox removed").atMost(WAIT).untilAsserted(() -> assertEquals(List.of(), sandboxes.list()));
    }

    @Test
    void missingProviderFailsPod() {
        Pod pod = newPod("vm", "Always", "sleep", "300");
        pod.getMetadata().getAnnotations().put(PodReconciler.SELECTED_PROVIDER_ANNOTATION, "qemu");
        Pod created = client.create(pod);

        PodStatus status = awaitPhase(created, "Failed");

        assertEquals("ProviderUnavailable", status.getReason());
        assertTrue(status.getMessage().contains("'qemu'"), status.getMessage());
    }

    @Test
    void logEndpointStreamsSandboxOutput() throws Exception {
        Pod pod = createBoundPod("talker", "Always", "sh", "-c", "echo first; echo second; sleep 300");
        awaitPhase(pod, "Running");
        HttpClient http = HttpClient.newHttpClient();
        String logPath = "/v1/pods/default/" + pod.getMetadata().getName() + "/log";

        await("log holds both lines").atMost(WAIT).untilAsserted(() ->
                assertEquals("first\nsecond\n", get(http, logPath).body()));
        HttpResponse<String> last = get(http, logPath + "?tailLines=1");
        assertEquals(200, last.statusCode());
        assertEquals("second\n", last.body());

        try (var proxied = client.podLogs("default", pod.getMetadata().getName(), false, 1)) {
            assertEquals("second\n", new String(proxied.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                    "log proxied by the API server");
        }

        HttpResponse<String> missing = get(http, "/v1/pods/default/nobody/log");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("\"reason\":\"NotFound\""), missing.body());
    }

    @Test
    void agentCarriesOnWhenItsReplicaStops() throws Exception {
        Pod first = createBoundPod("before", "Always", "sleep", "300");
        awaitPhase(first, "Running");
        LocalCluster.Replica stopped = cluster.replica(0);

        stopped.stop();
        try {
            Instant stoppedAt = Instant.now();
            await("lease renewed through another replica").atMost(WAIT).untilAsserted(() ->
                    assertTrue(awaitLease().getSpec().getRenewTime().isAfter(stoppedAt)));
            Pod second = createBoundPod("after", "Always", "sleep", "300");
            PodStatus status = awaitPhase(second, "Running");
            assertNotEquals(pidOf(read(first).getStatus().getSandboxId()), pidOf(status.getSandboxId()));
        } finally {
            stopped.start();
        }
    }

    private HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(agent.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Pod createBoundPod(String name, String restartPolicy, String... command) {
        Pod pod = newPod(name, restartPolicy, command);
        pod.getMetadata().getAnnotations().put(PodReconciler.SELECTED_PROVIDER_ANNOTATION, "process");
        return client.create(pod);
    }

    /** Builds a pod bound by hand, as the scheduler would bind it. */
    private Pod newPod(String name, String restartPolicy, String... command) {
        Pod pod = new Pod("default", name + "-" + nodeName);
        Container container = new Container();
        container.setName("main");
        container.setCommand(List.of(command));
        pod.getSpec().setContainers(List.of(container));
        pod.getSpec().setRestartPolicy(restartPolicy);
        pod.getSpec().setNodeName(nodeName);
        pod.getMetadata().getAnnotations().put(PodSandboxSpecs.RESOLVED_CLASS_ANNOTATION, "process");
        return pod;
    }

    private PodStatus awaitPhase(Pod pod, String phase) {
        return await("pod " + pod.key() + " in phase " + phase).atMost(WAIT)
                .until(() -> read(pod).getStatus(), status -> phase.equals(status.getPhase()));
    }

    private static List<Event> eventsAbout(Pod pod) {
        return client.list(Event.class, pod.getMetadata().getNamespace(), null,
                "involvedObject.uid=" + pod.getMetadata().getUid()).getItems();
    }

    private static Pod read(Pod pod) {
        return client.get(Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName()).orElseThrow();
    }

    private Lease awaitLease() {
        return await("lease of " + nodeName).atMost(WAIT)
                .until(() -> client.get(Lease.class, LeaseHeartbeat.NAMESPACE, nodeName).orElse(null),
                        lease -> lease != null);
    }

    private long pidOf(String sandboxId) throws Exception {
        return sandboxes.status(sandboxId).orElseThrow().pid();
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static List<URI> servers() {
        List<URI> servers = new ArrayList<>();
        cluster.replicas().forEach(replica -> servers.add(replica.apiUri()));
        return servers;
    }
}
