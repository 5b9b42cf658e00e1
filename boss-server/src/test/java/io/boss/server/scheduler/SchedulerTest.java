package io.boss.server.scheduler;

import io.boss.api.model.Condition;
import io.boss.api.model.ConditionTypes;
import io.boss.api.model.Conditions;
import io.boss.api.model.Container;
import io.boss.api.model.NetworkSpec;
import io.boss.api.model.Node;
import io.boss.api.model.Pod;
import io.boss.api.model.ProviderStatus;
import io.boss.api.model.ResourceRequirements;
import io.boss.api.model.SandboxIntent;
import io.boss.store.Registry;
import io.boss.store.Watch;
import io.boss.store.WatchEvent;
import io.boss.store.WatchListener;
import io.boss.store.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.boss.server.scheduler.SchedulerCluster.node;
import static io.boss.server.scheduler.SchedulerCluster.processProvider;
import static io.boss.server.scheduler.SchedulerCluster.provider;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(180)
class SchedulerTest {

    private static final SchedulerSettings FAST_RETRIES = SchedulerSettings.defaults()
            .withRetryDelays(Duration.ofMillis(50), Duration.ofMillis(500))
            .withInformerRetryDelay(Duration.ofMillis(200));

    @TempDir
    Path dataDirectory;

    private SchedulerCluster cluster;

    @AfterEach
    void closeCluster() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void bindsToCapableNodeWithBothAnnotations() {
        cluster = new SchedulerCluster(dataDirectory, FAST_RETRIES);
        cluster.createNode(node("node-a", "4", "8Gi",
                provider("wasmtime", "wasm", "wasmModule", "runtimeSandboxed", "none")));
        cluster.createNode(node("node-b", "4", "8Gi", processProvider()));

        cluster.createPod(pod("web", "500m", "128Mi"));

        Pod bound = awaitBound("default", "web");
        assertEquals("node-b", bound.getSpec().getNodeName());
        assertEquals("process", bound.getMetadata().getAnnotations().get(PodBinder.RESOLVED_SANDBOX_CLASS));
        assertEquals("process", bound.getMetadata().getAnnotations().get(SchedulerCache.SELECTED_PROVIDER));
        assertTrue(Conditions.isTrue(bound.getStatus().getConditions(), ConditionTypes.POD_SCHEDULED));
    }

    @Test
    void picksLeastAllocatedNode() {
        cluster = new SchedulerCluster(dataDirectory, FAST_RETRIES);
        cluster.createNode(node("node-a", "4", "8Gi", processProvider()));
        cluster.createNode(node("node-b", "4", "8Gi", processProvider()));

        cluster.createPod(pod("big", "2", "4Gi"));
        assertEquals("node-a", awaitBound("default", "big").getSpec().getNodeName());
        cluster.createPod(pod("small", "1", "1Gi"));

        assertEquals("node-b", awaitBound("default", "small").getSpec().getNodeName());
    }

    @Test
    void podLargerThanAllocatableIsUnschedulable() {
        cluster = new SchedulerCluster(dataDirectory, FAST_RETRIES);
        cluster.createNode(node("node-a", "4", "1Gi", processProvider()));
        cluster.createNode(node("node-b", "1", "8Gi", processProvider()));

        cluster.createPod(pod("huge", "2", "2Gi"));

        Pod pod = awaitUnschedulable("default", "huge");
        assertEquals("0/2 nodes available: node-a: insufficient memory (requested 2Gi, free 1Gi); "
                + "node-b: insufficient cpu (requested 2, free 1)", pod.getStatus().getMessage());
        assertNull(pod.getSpec().getNodeName());
    }

    @Test
    void quickSuccessivePodsDoNotOvercommit() {
        cluster = new SchedulerCluster(dataDirectory, FAST_RETRIES);
        cluster.createNode(node("node-a", "2", "8Gi", processProvider()));

        for (int i = 0; i < 5; i++) {
            cluster.createPod(pod("p" + i, "1", "1Gi"));
        }

        await("every pod bound or unschedulable").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            int bound = 0;
            int unschedulable = 0;
            for (int i = 0; i < 5; i++) {
                Pod pod = cluster.pod("default", "p" + i);
                if (pod.getSpec().getNodeName() != null) {
                    bound++;
                } else if ("Unschedulable".equals(pod.getStatus().getReason())) {
                    unschedulable++;
                }
            }
            assertEquals(2, bound, "bound pods");
            assertEquals(3, unschedulable, "unschedulable pods");
        });
    }

    @Test
    void unknownClassAndImpossibleIsolationStayPending() {
        cluster = new SchedulerCluster(dataDirectory, FAST_RETRIES);
        cluster.createNode(node("node-a", "4", "8Gi", processProvider()));

        Pod wasm = pod("wasm", "100m", "64Mi");
        wasm.getSpec().setSandboxClass("wasm");
        cluster.createPod(wasm);
        Pod isolated = pod("isolated", "100m", "64Mi");
        isolated.getSpec().setSandbox(isolation("hardwareVirtualized"));
        cluster.createPod(isolated);

        Pod wasmPod = awaitUnschedulable("default", "wasm");
        assertEquals("0/1 nodes available: node-a: no provider for class wasm", wasmPod.getStatus().getMessage());
        assertEquals("Pending", wasmPod.getStatus().getPhase());
        Pod isolatedPod = awaitUnschedulable("default", "isolated");
        assertEquals("0/1 nodes available: node-a: provider process offers no isolation level at least hardwareVirtualized",
                isolatedPod.getStatus().getMessage());
    }

    @Test
    void unschedulableStatusIsWrittenOnlyWhenItChanges() {
        cluster = new SchedulerCluster(dataDirectory, FAST_RETRIES);
        cluster.createNode(node("node-a", "4", "8Gi", processProvider()));
        Pod wasm = pod("wasm", "100m", "64Mi");
        wasm.getSpec().setSandboxClass("wasm");
        cluster.createPod(wasm);
        String recorded = awaitUnschedulable("default", "wasm").getMetadata().getResourceVersion();

        // Retries run every 50-500 ms; none of them may rewrite the unchanged status.
        await("status stays unchanged across retries").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertEquals(recorded, cluster.pod("default", "wasm").getMetadata().getResourceVersion()));
    }

    @Test
    void strongerIsolationSatisfiesWeakerRequest() {
        cluster = new SchedulerCluster(dataDirectory, FAST_RETRIES);
        cluster.createNode(node("node-a", "4", "8Gi",
                provider("microvm-process", "process", "executable", "hardwareVirtualized", "host")));

        Pod pod = pod("namespaced", "100m", "64Mi");
        pod.getSpec().setSandbox(isolation("namespaced"));
        cluster.createPod(pod);

        Pod bound = awaitBound("default", "namespaced");
        assertEquals("microvm-process", bound.getMetadata().getAnnotations().get(SchedulerCache.SELECTED_PROVIDER));
    }

    @Test
    void podBindsWhenCapableNodeAppearsLater() {
        SchedulerSettings slowRetries = FAST_RETRIES.withRetryDelays(Duration.ofSeconds(60), Duration.ofSeconds(60));
        cluster = new SchedulerCluster(dataDirectory, slowRetries);
        cluster.createNode(node("node-a", "4", "8Gi", processProvider()));
        Pod wasm = pod("wasm", "100m", "64Mi");
        wasm.getSpec().setSandboxClass("wasm");
        cluster.createPod(wasm);
        awaitUnschedulable("default", "wasm");

        // The backoff is 60 s, so only the node event can bind the pod within the wait.
        cluster.createNode(node("node-w", "4", "8Gi",
                provider("wasmtime", "wasm", "wasmModule", "runtimeSandboxed", "none")));

        Pod bound = awaitBound("default", "wasm");
        assertEquals("node-w", bound.getSpec().getNodeName());
        assertEquals("wasm", bound.getMetadata().getAnnotations().get(PodBinder.RESOLVED_SANDBOX_CLASS));
        assertNull(bound.getStatus().getReason());
    }

    @Test
    void notReadyNodeIsNeverChosen() {
        cluster = new SchedulerCluster(dataDirectory, FAST_RETRIES);
        Node notReady = node("node-a", "64", "256Gi", processProvider());
        notReady.getStatus().setConditions(List.of(new Condition(ConditionTypes.READY, Condition.FALSE, "NodeLost", null)));
        cluster.createNode(notReady);
        cluster.createNode(node("node-b", "4", "8Gi", processProvider()));

        for (int i = 0; i < 3; i++) {
            cluster.createPod(pod("p" + i, "100m", "64Mi"));
        }

        for (int i = 0; i < 3; i++) {
            assertEquals("node-b", awaitBound("default", "p" + i).getSpec().getNodeName());
        }
        Node cordoned = node("node-b", "4", "8Gi", processProvider());
        cordoned.getSpec().setUnschedulable(true);
        cluster.replaceNode(cordoned);
        cluster.createPod(pod("late", "100m", "64Mi"));
        assertEquals("0/2 nodes available: node-a: node not ready; node-b: node unschedulable",
                awaitUnschedulable("default", "late").getStatus().getMessage());
    }

    @Test
    void providerCapacityLimitsSandboxesPerNode() {
        cluster = new SchedulerCluster(dataDirectory, FAST_RETRIES);
        ProviderStatus small = processProvider();
        small.setCapacity(1);
        cluster.createNode(node("node-a", "64", "256Gi", small));
        cluster.createNode(node("node-b", "4", "8Gi", processProvider()));

        cluster.createPod(pod("first", "1", "1Gi"));
        assertEquals("node-a", awaitBound("default", "first").getSpec().getNodeName());
        cluster.createPod(pod("second", "100m", "64Mi"));

        assertEquals("node-b", awaitBound("default", "second").getSpec().getNodeName());
    }

    @Test
    void leaderLossBindsEachPodOnce() throws InterruptedException {
        cluster = new SchedulerCluster(dataDirectory, FAST_RETRIES);
        for (String name : List.of("node-a", "node-b", "node-c")) {
            cluster.createNode(node(name, "16", "32Gi", processProvider()));
        }
        Registry survivor = cluster.follower();
        Map<String, List<String>> nodeNameHistory = new ConcurrentHashMap<>();
        List<StoreException> watchErrors = new CopyOnWriteArrayList<>();
        Watch history = survivor.watch("/registry/pods/", survivor.currentRevision() + 1, new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                if (event.type() == WatchEvent.Type.PUT) {
                    Pod pod = SchedulerCluster.PODS.decode(event.entry());
                    String nodeName = pod.getSpec().getNodeName();
                    nodeNameHistory.computeIfAbsent(pod.key(), key -> new CopyOnWriteArrayList<>())
                            .add(nodeName == null ? "" : nodeName);
                }
            }

            @Override
            public void onClosed(StoreException cause) {
                if (cause != null) {
                    watchErrors.add(cause);
                }
            }
        });

        Thread creator = new Thread(() -> {
            for (int i = 0; i < 20; i++) {
                SchedulerCluster.createPod(survivor, pod("p" + i, "100m", "64Mi"));
            }
        });
        creator.start();
        await("first pods created").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertTrue(nodeNameHistory.size() >= 5, "pods seen: " + nodeNameHistory.size()));
        String stopped = cluster.stopLeader();
        creator.join(60_000);

        await("all 20 pods bound after leader " + stopped + " stopped").atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> {
                    for (int i = 0; i < 20; i++) {
                        List<String> values = nodeNameHistory.getOrDefault("default/p" + i, List.of());
                        assertFalse(values.isEmpty(), "p" + i + " never seen");
                        assertFalse(values.get(values.size() - 1).isEmpty(), "p" + i + " nodeName history " + values);
                    }
                });
        history.close();
        assertEquals(List.of(), watchErrors);
        for (int i = 0; i < 20; i++) {
            List<String> values = new ArrayList<>(nodeNameHistory.get("default/p" + i));
            int firstBound = 0;
            while (values.get(firstBound).isEmpty()) {
                firstBound++;
            }
            String boundTo = values.get(firstBound);
            for (String later : values.subList(firstBound, values.size())) {
                assertEquals(boundTo, later, "p" + i + " nodeName changed after binding: " + values);
            }
        }
    }

    private Pod awaitBound(String namespace, String name) {
        await("pod " + namespace + "/" + name + " bound").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertNotNull(cluster.pod(namespace, name).getSpec().getNodeName()));
        return cluster.pod(namespace, name);
    }

    private Pod awaitUnschedulable(String namespace, String name) {
        await("pod " + namespace + "/" + name + " unschedulable").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Pod pod = cluster.pod(namespace, name);
            assertEquals("Unschedulable", pod.getStatus().getReason());
            Condition scheduled = Conditions.find(pod.getStatus().getConditions(), ConditionTypes.POD_SCHEDULED).orElseThrow();
            assertEquals(Condition.FALSE, scheduled.getStatus());
            assertEquals("Unschedulable", scheduled.getReason());
            assertEquals(pod.getStatus().getMessage(), scheduled.getMessage());
        });
        return cluster.pod(namespace, name);
    }

    static Pod pod(String name, String cpu, String memory) {
        Pod pod = new Pod("default", name);
        Container container = new Container();
        container.setName("main");
        container.setCommand(List.of("/bin/sleep", "3600"));
        ResourceRequirements resources = new ResourceRequirements();
        resources.setRequests(Map.of("cpu", cpu, "memory", memory));
        container.setResources(resources);
        pod.getSpec().setContainers(List.of(container));
        return pod;
    }

    private static SandboxIntent isolation(String level) {
        SandboxIntent intent = new SandboxIntent();
        intent.setIsolation(level);
        NetworkSpec network = new NetworkSpec();
        network.setMode("host");
        intent.setNetwork(network);
        return intent;
    }
}
