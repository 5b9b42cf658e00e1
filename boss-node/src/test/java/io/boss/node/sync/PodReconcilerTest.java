package io.boss.node.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.api.model.Condition;
import io.boss.api.model.ConditionTypes;
import io.boss.api.model.Conditions;
import io.boss.api.model.Container;
import io.boss.api.model.Pod;
import io.boss.api.model.PodStatus;
import io.boss.runtime.ProviderRegistry;
import io.boss.runtime.SandboxState;
import io.boss.runtime.SandboxStatus;
import io.boss.runtime.process.ProcessProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PodReconcilerTest {

    private static final String NODE = "node-a";

    @TempDir
    Path stateDir;

    private ProcessProvider provider;
    private SandboxInventory inventory;
    private DesiredPods desired;
    private InMemoryPodStore store;
    private PodReconciler reconciler;

    @BeforeEach
    void setUp() {
        provider = new ProcessProvider(stateDir);
        inventory = new SandboxInventory(List.of(provider));
        desired = new DesiredPods();
        store = new InMemoryPodStore();
        reconciler = new PodReconciler(NODE, new ProviderRegistry(List.of(provider)), inventory, desired, store,
                Duration.ofSeconds(1), Clock.systemUTC());
    }

    @AfterEach
    void removeSandboxes() throws Exception {
        reconciler.close();
        for (SandboxStatus sandbox : provider.list()) {
            provider.remove(sandbox.sandboxId());
        }
    }

    @Test
    void boundPodRunsAsHostProcess() throws Exception {
        Pod pod = bind(pod("web", "Always", "sleep", "300"));

        reconciler.reconcile(DesiredPods.uid(pod));

        PodStatus status = store.get(pod.key()).getStatus();
        assertEquals("Running", status.getPhase());
        assertEquals("process", status.getProvider());
        assertEquals(pod.getMetadata().getUid() + "-0", status.getSandboxId());
        assertNotNull(status.getStartTime());
        assertTrue(Conditions.isTrue(status.getConditions(), ConditionTypes.SANDBOX_READY));
        long pid = provider.status(status.getSandboxId()).orElseThrow().pid();
        assertTrue(Files.exists(Path.of("/proc", Long.toString(pid))), "no process " + pid);
    }

    @Test
    void reconcilingTwiceStartsNothingTwice() throws Exception {
        Pod pod = bind(pod("web", "Always", "sleep", "300"));
        reconciler.reconcile(DesiredPods.uid(pod));
        String revision = store.get(pod.key()).getMetadata().getResourceVersion();
        long pid = onlySandbox().pid();

        reconciler.reconcile(DesiredPods.uid(pod));

        assertEquals(pid, onlySandbox().pid());
        assertEquals(revision, store.get(pod.key()).getMetadata().getResourceVersion(), "status rewritten unchanged");
    }

    @Test
    void exitThreeFailsPod() throws Exception {
        Pod pod = bind(pod("job", "Never", "sh", "-c", "exit 3"));
        String uid = DesiredPods.uid(pod);
        reconciler.reconcile(uid);

        await("sandbox exited").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(SandboxState.EXITED, onlySandbox().state()));
        reconciler.reconcile(uid);

        PodStatus status = store.get(pod.key()).getStatus();
        assertEquals("Failed", status.getPhase());
        assertEquals("Exited", status.getSandboxState());
        assertEquals(3, status.getExitCode());
        assertEquals("exited with code 3", status.getMessage());
        assertFalse(Conditions.isTrue(status.getConditions(), ConditionTypes.SANDBOX_READY));
    }

    @Test
    void providerMissingOnNodeFailsWithProviderUnavailable() throws Exception {
        Pod pod = pod("vm", "Always", "sleep", "300");
        pod.getMetadata().getAnnotations().put(PodReconciler.SELECTED_PROVIDER_ANNOTATION, "qemu");
        pod = bind(pod);

        reconciler.reconcile(DesiredPods.uid(pod));

        PodStatus status = store.get(pod.key()).getStatus();
        assertEquals("Failed", status.getPhase());
        assertEquals("Failed", status.getSandboxState());
        assertEquals("ProviderUnavailable", status.getReason());
        assertTrue(status.getMessage().contains("qemu"), status.getMessage());
        Condition ready = Conditions.find(status.getConditions(), ConditionTypes.SANDBOX_READY).orElseThrow();
        assertEquals("ProviderUnavailable", ready.getReason());
        assertTrue(provider.list().isEmpty(), "a sandbox was created for a pod that cannot run");
    }

    @Test
    void deletedPodIsStoppedAndRemoved() throws Exception {
        Pod pod = bind(pod("web", "Always", "sleep", "300"));
        String uid = DesiredPods.uid(pod);
        reconciler.reconcile(uid);
        long pid = onlySandbox().pid();

        desired.remove(store.get(pod.key()));
        reconciler.reconcile(uid);

        assertTrue(provider.list().isEmpty(), "sandbox left behind");
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " alive");
    }

    @Test
    void fastStartWritesOnlyRunningState() throws Exception {
        Pod pod = bind(pod("web", "Always", "sleep", "300"));

        reconciler.reconcile(DesiredPods.uid(pod));

        assertEquals(List.of("Running"), store.writtenSandboxStates(pod.key()));
        assertEquals("Running", store.get(pod.key()).getStatus().getPhase());
    }

    @Test
    void terminalPodIsStoppedAndReportedExited() throws Exception {
        Pod pod = bind(pod("web", "Always", "sleep", "300"));
        String uid = DesiredPods.uid(pod);
        reconciler.reconcile(uid);
        Pod lost = store.get(pod.key());
        lost.getStatus().setPhase("Failed");
        lost.getStatus().setReason("NodeLost");
        desired.upsert(store.writeStatus(lost).orElseThrow());

        reconciler.reconcile(uid);

        // The grace period of 1 s is at least the report delay, so Stopping is written before Exited.
        assertEquals(List.of("Running", "Running", "Stopping", "Exited"), store.writtenSandboxStates(pod.key()));
        PodStatus status = store.get(pod.key()).getStatus();
        assertEquals("Failed", status.getPhase());
        assertEquals("NodeLost", status.getReason());
        assertEquals(SandboxState.EXITED, onlySandbox().state());
    }

    @Test
    void exitedSandboxIsReportedExitedAfterLostRace() throws Exception {
        Pod pod = bind(pod("web", "Always", "sleep", "300"));
        String uid = DesiredPods.uid(pod);
        reconciler.reconcile(uid);
        Pod lost = store.get(pod.key());
        lost.getStatus().setPhase("Failed");
        lost.getStatus().setSandboxState("Stopping");
        desired.upsert(store.writeStatus(lost).orElseThrow());
        provider.stop(onlySandbox().sandboxId(), Duration.ZERO);

        reconciler.reconcile(uid);

        PodStatus status = store.get(pod.key()).getStatus();
        assertEquals("Exited", status.getSandboxState());
        assertEquals("Failed", status.getPhase());
    }

    private SandboxStatus onlySandbox() throws Exception {
        List<SandboxStatus> sandboxes = provider.list();
        assertEquals(1, sandboxes.size(), "sandboxes: " + sandboxes);
        return sandboxes.get(0);
    }

    private Pod bind(Pod pod) {
        pod.getSpec().setNodeName(NODE);
        Pod stored = store.put(pod);
        desired.upsert(stored);
        return stored;
    }

    private static Pod pod(String name, String restartPolicy, String... command) {
        Pod pod = new Pod("default", name);
        pod.getMetadata().setUid(UUID.randomUUID().toString());
        pod.getMetadata().setLabels(Map.of("app", name));
        Container container = new Container();
        container.setName("main");
        container.setCommand(List.of(command));
        pod.getSpec().setContainers(List.of(container));
        pod.getSpec().setRestartPolicy(restartPolicy);
        return pod;
    }
}
