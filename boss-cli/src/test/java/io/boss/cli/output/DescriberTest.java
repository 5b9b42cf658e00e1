package io.boss.cli.output;

import static io.boss.cli.testing.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.api.model.Condition;
import io.boss.api.model.ConditionTypes;
import io.boss.api.model.Lease;
import io.boss.api.model.Node;
import io.boss.api.model.Pod;
import io.boss.cli.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescriberTest {

    @Test
    void unschedulablePodExplainsSchedulerReason() {
        Pod pod = Fixtures.pod("default", "big", 10);
        pod.getStatus().setPhase("Pending");
        pod.getStatus().setConditions(List.of(new Condition(ConditionTypes.POD_SCHEDULED, Condition.FALSE, "Unschedulable",
                "0/2 nodes offer class vm: node-1 vm provider unhealthy")));

        assertEquals("waiting to be scheduled: Unschedulable: 0/2 nodes offer class vm: node-1 vm provider unhealthy",
                Describer.explain(pod));
    }

    @Test
    void newPodWaitsForTheScheduler() {
        Pod pod = Fixtures.pod("default", "fresh", 1);

        assertEquals("waiting for the scheduler to place it on a node", Describer.explain(pod));
    }

    @Test
    void boundPodWithFailingSandboxExplainsProviderError() {
        Pod pod = Fixtures.pod("default", "web", 10);
        pod.getSpec().setNodeName("node-1");
        pod.getStatus().setPhase("Pending");
        pod.getStatus().setConditions(List.of(new Condition(ConditionTypes.SANDBOX_READY, Condition.FALSE, "ArtifactFetchFailed",
                "digest mismatch")));

        assertEquals("bound to node node-1, sandbox not ready: ArtifactFetchFailed: digest mismatch", Describer.explain(pod));
    }

    @Test
    void failedPodExplainsStatusReason() {
        Pod pod = Fixtures.pod("default", "web", 10);
        pod.getSpec().setNodeName("node-1");
        pod.getStatus().setPhase("Failed");
        pod.getStatus().setReason("NodeLost");
        pod.getStatus().setMessage("node node-1 stopped sending heartbeats");

        assertEquals("failed: NodeLost: node node-1 stopped sending heartbeats", Describer.explain(pod));
    }

    @Test
    void podDescriptionListsConditionsWithAge() {
        Pod pod = Fixtures.runningPod("default", "web", "node-1", "proc-1");
        Condition ready = new Condition(ConditionTypes.SANDBOX_READY, Condition.TRUE, "Started", "pid 42");
        ready.setLastTransitionTime(NOW.minusSeconds(30));
        pod.getStatus().setConditions(List.of(ready));

        String text = new Describer(NOW).describe(pod);

        assertTrue(text.contains("Name:               web"), text);
        assertTrue(text.contains("Sandbox ID:         proc-1"), text);
        assertTrue(text.contains("Sandbox State:      Running"), text);
        assertTrue(text.contains("  TYPE           STATUS   REASON    MESSAGE   AGE"), text);
        assertTrue(text.contains("  SandboxReady   True     Started   pid 42    30s"), text);
        assertTrue(text.contains("Explanation:        running in sandbox proc-1 on node node-1 (provider process)"), text);
    }

    @Test
    void nodeDescriptionListsProviderHealthReasons() {
        String text = new Describer(NOW).describe(Fixtures.node("node-1"));

        assertTrue(text.contains("  process (healthy)"), text);
        assertTrue(text.contains("  vm (unhealthy: qemu-system-x86_64 not found on PATH)"), text);
        assertTrue(text.contains("Status:             Ready"), text);
    }

    @Test
    void nodeHeartbeatIsItsLeaseRenewTime() {
        Lease lease = new Lease(Node.LEASE_NAMESPACE, "node-1");
        lease.getSpec().setRenewTime(NOW.minusSeconds(3));
        Lease otherNodesLease = new Lease(Node.LEASE_NAMESPACE, "node-2");
        otherNodesLease.getSpec().setRenewTime(NOW.minusSeconds(40));

        String withLease = new Describer(NOW).withNodeLease(lease).describe(Fixtures.node("node-1"));
        String withOtherLease = new Describer(NOW).withNodeLease(otherNodesLease).describe(Fixtures.node("node-1"));

        assertTrue(withLease.contains("Last Heartbeat:     " + NOW.minusSeconds(3) + " (3s ago)"), withLease);
        assertTrue(withOtherLease.contains("Last Heartbeat:     <none>"), withOtherLease);
    }
}
