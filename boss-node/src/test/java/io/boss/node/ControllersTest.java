package io.boss.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.api.ResourceKind;
import io.boss.api.client.BossClient;
import io.boss.api.client.WatchHandle;
import io.boss.api.error.BossApiException;
import io.boss.api.model.Condition;
import io.boss.api.model.ConditionTypes;
import io.boss.api.model.Conditions;
import io.boss.api.model.Container;
import io.boss.api.model.Deployment;
import io.boss.api.model.LabelSelector;
import io.boss.api.model.Pod;
import io.boss.api.model.ReplicaSet;
import io.boss.api.model.WatchEventType;
import io.boss.runtime.SandboxState;
import io.boss.runtime.SandboxStatus;
import io.boss.runtime.process.ProcessProvider;
import io.boss.server.informer.TypedCodec;
import io.boss.server.testing.LocalCluster;
import io.boss.store.Operation;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Deployment, ReplicaSet, garbage-collector and node lifecycle controllers against a real
 * three-replica server cluster and two node agents running real host processes. Each test uses
 * its own Deployment name and label, so tests do not see each other's pods.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ControllersTest {

    /** Upper bound of each wait. Replacing a killed agent's pods took over 30 s once on a loaded 2-core host. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final Duration EVICTION = Duration.ofSeconds(1);

    @TempDir
    static Path baseDir;

    private static LocalCluster cluster;
    private static BossClient client;
    private static final List<AgentHarness> agents = new ArrayList<>();
    private static final List<ProcessProvider> sandboxes = new ArrayList<>();

    @BeforeAll
    static void startClusterAndAgents() throws Exception {
        cluster = LocalCluster.builder(baseDir.resolve("servers")).replicas(3)
                .configure(configuration -> {
                    configuration.getControllers().setNodeMonitorGracePeriod(io.dropwizard.util.Duration.milliseconds(GRACE.toMillis()));
                    configuration.getControllers().setPodEvictionTimeout(io.dropwizard.util.Duration.milliseconds(EVICTION.toMillis()));
                    configuration.getControllers().setNodeMonitorPeriod(io.dropwizard.util.Duration.milliseconds(200));
                })
                .start();
        client = BossClient.builder().endpoints(String.join(",", servers().stream().map(URI::toString).toList()))
                .retryTimeout(Duration.ofSeconds(20)).build();
        for (String node : List.of("node-a", "node-b")) {
            Path stateDir = baseDir.resolve(node);
            agents.add(new AgentHarness(node, stateDir, servers()).start());
            sandboxes.add(new ProcessProvider(stateDir));
        }
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            agents.forEach(AgentHarness::stop);
            for (ProcessProvider provider : sandboxes) {
                for (SandboxStatus sandbox : provider.list()) {
                    provider.remove(sandbox.sandboxId());
                }
            }
        } finally {
            if (client != null) {
                client.close();
            }
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    void deploymentRunsScalesAndRollsOut() throws Exception {
        client.create(deployment("web", 3, "300"));
        awaitRunning("web", 3);
        assertEquals(3, runningProcesses("web"));

        scale("web", 5);
        awaitRunning("web", 5);
        scale("web", 0);
        awaitRunning("web", 0);
        await("processes of web stopped").atMost(WAIT).untilAsserted(() -> assertEquals(0, runningProcesses("web")));
        scale("web", 2);
        awaitRunning("web", 2);

        change("web", deployment -> deployment.getSpec().getTemplate().getSpec().getContainers().get(0)
                .setArgs(List.of("301")));

        await("rollout of web completes").atMost(WAIT).untilAsserted(() -> {
            Deployment deployment = read("web");
            // Until the controller has seen the new template, the status still describes the old one.
            assertEquals(deployment.getMetadata().getGeneration(), deployment.getStatus().getObservedGeneration());
            assertEquals(2, deployment.getStatus().getUpdatedReplicas());
            assertEquals(2, deployment.getStatus().getAvailableReplicas());
            assertEquals(2, deployment.getStatus().getReplicas());
            assertEquals("Reconciled", condition(deployment, ConditionTypes.RECONCILING).getReason());
        });
        List<ReplicaSet> sets = replicaSets("web");
        assertEquals(2, sets.size(), "ReplicaSets: " + names(sets));
        ReplicaSet old = sets.stream().filter(rs -> "1".equals(revision(rs))).findFirst().orElseThrow();
        ReplicaSet updated = sets.stream().filter(rs -> "2".equals(revision(rs))).findFirst().orElseThrow();
        assertEquals(0, old.getSpec().getReplicas());
        assertEquals(2, updated.getSpec().getReplicas());
        assertTrue(updated.getMetadata().getName().startsWith("web-"), updated.getMetadata().getName());
        awaitRunning("web", 2);
        for (Pod pod : pods("web")) {
            assertEquals(List.of("301"), pod.getSpec().getContainers().get(0).getArgs());
            assertTrue(pod.getMetadata().getName().startsWith(updated.getMetadata().getName() + "-"));
        }
        Deployment done = read("web");
        assertTrue(Conditions.isTrue(done.getStatus().getConditions(), ConditionTypes.AVAILABLE));
        assertEquals("NewReplicaSetAvailable", condition(done, ConditionTypes.PROGRESSING).getReason());
        assertFalse(Conditions.isTrue(done.getStatus().getConditions(), ConditionTypes.DEGRADED));
    }

    @Test
    void deletedDeploymentLeavesNoReplicaSetPodOrProcess() {
        client.create(deployment("gone", 2, "300"));
        awaitRunning("gone", 2);
        Set<String> uids = pods("gone").stream().map(pod -> pod.getMetadata().getUid()).collect(Collectors.toSet());

        client.delete(Deployment.class, "default", "gone", null);

        await("ReplicaSets of gone deleted").atMost(WAIT).untilAsserted(() -> assertEquals(List.of(), names(replicaSets("gone"))));
        await("pods of gone deleted").atMost(WAIT).untilAsserted(() -> assertEquals(0, pods("gone").size()));
        await("processes of gone stopped").atMost(WAIT).untilAsserted(() -> assertEquals(0, runningSandboxesOf(uids)));
    }

    @Test
    void leaderKilledMidScaleEndsWithExactlyTenPods() {
        client.create(deployment("scale", 1, "300"));
        awaitRunning("scale", 1);
        Map<String, Pod> seen = new ConcurrentHashMap<>();
        AtomicInteger maxActive = new AtomicInteger();
        WatchHandle watch = client.watch(Pod.class, "default", "app=scale", null, null, event -> {
            Pod pod = event.getObject();
            if (event.getType() == WatchEventType.DELETED) {
                seen.remove(pod.getMetadata().getName());
            } else if (event.getType() == WatchEventType.ADDED || event.getType() == WatchEventType.MODIFIED) {
                seen.put(pod.getMetadata().getName(), pod);
            }
            maxActive.accumulateAndGet(activeCount(seen.values()), Math::max);
        });
        LocalCluster.Replica leader = cluster.awaitLeader(WAIT);
        try {
            scale("scale", 10);
            await("scale-up of scale under way").atMost(WAIT).until(() -> pods("scale").size() > 1);
            leader.stop();

            awaitRunning("scale", 10);
            await("deployment scale reports 10 available").atMost(WAIT).untilAsserted(() ->
                    assertEquals(10, read("scale").getStatus().getAvailableReplicas()));
            assertEquals(10, pods("scale").size());
            assertEquals(10, seen.size(), "pods seen by the watcher: " + seen.keySet());
            int maxSurge = 3;
            assertTrue(maxActive.get() <= 10 + maxSurge, "watcher saw " + maxActive.get() + " pods at once");
        } finally {
            watch.close();
            leader.start();
        }
    }

    @Test
    void podsOfKilledAgentAreReplacedOnTheOtherNode() throws Exception {
        // Pods left by earlier tests would make the scheduler put every new pod on the emptier node.
        deleteDeploymentsAndAwaitNoActivePods();
        client.create(deployment("spread", 4, "300"));
        awaitRunning("spread", 4);
        await("a pod of spread on node-b").atMost(WAIT).until(() -> pods("spread").stream()
                .anyMatch(pod -> "node-b".equals(pod.getSpec().getNodeName())));
        Set<String> onB = pods("spread").stream().filter(pod -> "node-b".equals(pod.getSpec().getNodeName()))
                .map(pod -> pod.getMetadata().getUid()).collect(Collectors.toSet());

        AgentHarness nodeB = agents.get(1);
        nodeB.stop();
        Instant stoppedAt = Instant.now();
        // The agent's last Lease renewal may be up to one heartbeat before the stop.
        Duration bound = GRACE.plus(EVICTION).plus(Duration.ofSeconds(10));
        await("pods of node-b replaced on node-a").atMost(bound).untilAsserted(() -> {
            List<Pod> running = pods("spread").stream().filter(pod -> "Running".equals(pod.getStatus().getPhase())).toList();
            assertEquals(4, running.size());
            assertTrue(running.stream().allMatch(pod -> "node-a".equals(pod.getSpec().getNodeName())));
        });
        Duration replacedAfter = Duration.between(stoppedAt, Instant.now());
        for (Pod pod : pods("spread")) {
            if (onB.contains(pod.getMetadata().getUid())) {
                assertEquals("Failed", pod.getStatus().getPhase());
                assertEquals("NodeLost", pod.getStatus().getReason());
            }
        }
        var node = client.get(io.boss.api.model.Node.class, null, "node-b").orElseThrow();
        assertEquals(Condition.UNKNOWN, Conditions.find(node.getStatus().getConditions(), ConditionTypes.READY)
                .orElseThrow().getStatus());
        assertTrue(runningSandboxesOf(onB) > 0, "node-b's processes outlive its agent until it returns");

        AgentHarness restarted = new AgentHarness("node-b", baseDir.resolve("node-b"), servers()).start();
        agents.set(1, restarted);
        await("returning node-b stops the sandboxes of its lost pods").atMost(WAIT)
                .untilAsserted(() -> assertEquals(0, runningSandboxesOf(onB)));
        assertTrue(replacedAfter.compareTo(bound) < 0, "replaced after " + replacedAfter);
        client.delete(Deployment.class, "default", "spread", null);
    }

    @Test
    void selectorNotMatchingTemplateMakesDeploymentDegraded() throws Exception {
        Deployment invalid = deployment("odd", 2, "300");
        invalid.getSpec().getSelector().setMatchLabels(Map.of("app", "other"));

        BossApiException rejected = assertThrows(BossApiException.class, () -> client.create(invalid));
        assertEquals(422, rejected.code());

        // An object stored without the API's validation, as an older server could have left it.
        TypedCodec<Deployment> codec = TypedCodec.of(ResourceKind.DEPLOYMENT, Deployment.class);
        invalid.getMetadata().setUid(UUID.randomUUID().toString());
        invalid.getMetadata().setCreationTimestamp(Instant.now());
        invalid.getMetadata().setGeneration(1);
        // An earlier test stopped the leader, and a write sent while the clients still point at it
        // can time out. The write is retried until it commits. A timed-out create may have committed
        // too, so KEY_EXISTS also counts as stored.
        await("the unvalidated deployment to be stored").atMost(WAIT).ignoreExceptions().until(() -> {
            try {
                cluster.running().get(0).context().store()
                        .commit(List.of(new Operation.Create(codec.key(invalid), codec.encode(invalid))))
                        .get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof io.boss.store.StoreException stored)
                        || stored.reason() != io.boss.store.StoreException.Reason.KEY_EXISTS) {
                    throw e;
                }
            }
            return true;
        });

        await("deployment odd is Degraded").atMost(WAIT).untilAsserted(() -> {
            Condition degraded = condition(read("odd"), ConditionTypes.DEGRADED);
            assertEquals(Condition.TRUE, degraded.getStatus());
            assertEquals("InvalidSelector", degraded.getReason());
        });
        assertEquals(List.of(), names(replicaSets("odd")));
        assertEquals(0, pods("odd").size());
    }

    private static Deployment deployment(String name, int replicas, String sleepSeconds) {
        Deployment deployment = new Deployment("default", name);
        deployment.getSpec().setReplicas(replicas);
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(Map.of("app", name));
        deployment.getSpec().setSelector(selector);
        var template = new io.boss.api.model.PodTemplateSpec();
        template.getMetadata().setLabels(Map.of("app", name));
        Container container = new Container();
        container.setName("main");
        container.setCommand(List.of("sleep"));
        container.setArgs(List.of(sleepSeconds));
        template.getSpec().setContainers(List.of(container));
        template.getSpec().setTerminationGracePeriodSeconds(1L);
        deployment.getSpec().setTemplate(template);
        return deployment;
    }

    private static void scale(String name, int replicas) {
        change(name, deployment -> deployment.getSpec().setReplicas(replicas));
    }

    /** Reads, changes and writes the Deployment, again on a 409 Conflict because the controller writes its status. */
    private static void change(String name, java.util.function.Consumer<Deployment> change) {
        await("update of deployment " + name).atMost(WAIT).ignoreException(BossApiException.class).until(() -> {
            Deployment deployment = read(name);
            change.accept(deployment);
            client.update(deployment);
            return true;
        });
    }

    /** Waits until exactly {@code count} active pods of the Deployment exist and all are Running. */
    private static void awaitRunning(String name, int count) {
        await(count + " running pods of " + name).atMost(WAIT).untilAsserted(() -> {
            List<Pod> active = pods(name).stream().filter(ControllersTest::isActive).toList();
            assertEquals(count, active.size(), "active pods: " + active.stream().map(Pod::key).toList());
            for (Pod pod : active) {
                assertEquals("Running", pod.getStatus().getPhase(), pod.key());
            }
        });
    }

    private static int activeCount(java.util.Collection<Pod> pods) {
        return (int) pods.stream().filter(ControllersTest::isActive).count();
    }

    private static boolean isActive(Pod pod) {
        String phase = pod.getStatus().getPhase();
        return !"Failed".equals(phase) && !"Succeeded".equals(phase);
    }

    private static void deleteDeploymentsAndAwaitNoActivePods() {
        for (Deployment deployment : client.list(Deployment.class, "default", null, null).getItems()) {
            client.delete(Deployment.class, "default", deployment.getMetadata().getName(), null);
        }
        await("no active pod left by earlier tests").atMost(WAIT).until(() ->
                client.list(Pod.class, "default", null, null).getItems().stream().noneMatch(ControllersTest::isActive));
    }

    private static List<Pod> pods(String app) {
        return client.list(Pod.class, "default", "app=" + app, null).getItems();
    }

    private static List<ReplicaSet> replicaSets(String app) {
        return client.list(ReplicaSet.class, "default", "app=" + app, null).getItems();
    }

    private static Deployment read(String name) {
        return client.get(Deployment.class, "default", name).orElseThrow();
    }

    private static Condition condition(Deployment deployment, String type) {
        return Conditions.find(deployment.getStatus().getConditions(), type)
                .orElseThrow(() -> new AssertionError("no condition " + type + " in " + deployment.getStatus().getConditions()));
    }

    private static String revision(ReplicaSet replicaSet) {
        return replicaSet.getMetadata().getAnnotations().get("boss.io/revision");
    }

    private static List<String> names(List<ReplicaSet> sets) {
        return sets.stream().map(rs -> rs.getMetadata().getName()).toList();
    }

    private static int runningProcesses(String app) throws Exception {
        return runningSandboxesOf(pods(app).stream().map(pod -> pod.getMetadata().getUid()).collect(Collectors.toSet()));
    }

    private static int runningSandboxesOf(Set<String> podUids) throws Exception {
        int running = 0;
        for (ProcessProvider provider : sandboxes) {
            for (SandboxStatus sandbox : provider.list()) {
                boolean owned = podUids.stream().anyMatch(uid -> sandbox.sandboxId().startsWith(uid + "-"));
                if (owned && sandbox.state() == SandboxState.RUNNING) {
                    running++;
                }
            }
        }
        return running;
    }

    private static List<URI> servers() {
        List<URI> servers = new ArrayList<>();
        cluster.replicas().forEach(replica -> servers.add(replica.apiUri()));
        return servers;
    }
}
