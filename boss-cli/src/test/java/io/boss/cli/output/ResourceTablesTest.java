package io.boss.cli.output;

import static io.boss.cli.testing.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.boss.api.ResourceKind;
import io.boss.api.model.Deployment;
import io.boss.api.model.Pod;
import io.boss.api.model.ReplicaSet;
import io.boss.cli.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceTablesTest {

    static Stream<Arguments> headerCases() {
        return Stream.of(
                Arguments.of(ResourceKind.POD, false, false, List.of("NAME", "PHASE", "NODE", "AGE")),
                Arguments.of(ResourceKind.POD, true, false,
                        List.of("NAME", "PHASE", "NODE", "CLASS", "PROVIDER", "SANDBOX-ID", "SANDBOX-STATE", "AGE")),
                Arguments.of(ResourceKind.POD, false, true, List.of("NAMESPACE", "NAME", "PHASE", "NODE", "AGE")),
                Arguments.of(ResourceKind.POD, true, true,
                        List.of("NAMESPACE", "NAME", "PHASE", "NODE", "CLASS", "PROVIDER", "SANDBOX-ID", "SANDBOX-STATE",
                                "AGE")),
                Arguments.of(ResourceKind.NODE, false, false, List.of("NAME", "STATUS", "PROVIDERS", "AGE")),
                Arguments.of(ResourceKind.NODE, false, true, List.of("NAME", "STATUS", "PROVIDERS", "AGE")),
                Arguments.of(ResourceKind.NODE, true, false, List.of("NAME", "STATUS", "PROVIDERS", "AGE", "ALLOCATABLE")),
                Arguments.of(ResourceKind.DEPLOYMENT, false, false, List.of("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE")),
                Arguments.of(ResourceKind.DEPLOYMENT, true, false,
                        List.of("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR")),
                Arguments.of(ResourceKind.REPLICA_SET, false, false, List.of("NAME", "DESIRED", "CURRENT", "READY", "AGE")),
                Arguments.of(ResourceKind.REPLICA_SET, false, true, List.of("NAMESPACE", "NAME", "DESIRED", "CURRENT", "READY", "AGE")),
                Arguments.of(ResourceKind.LEASE, false, false, List.of("NAME", "HOLDER", "AGE")));
    }

    @ParameterizedTest(name = "{0} wide={1} allNamespaces={2}")
    @MethodSource("headerCases")
    void headersFollowKindAndFlags(ResourceKind kind, boolean wide, boolean allNamespaces, List<String> expected) {
        assertEquals(expected, new ResourceTables(wide, allNamespaces, NOW).headers(kind));
    }

    @Test
    void podRowShowsPhaseNodeAndAge() {
        Pod pod = Fixtures.runningPod("default", "web", "node-1", "proc-42");

        List<String> row = new ResourceTables(false, false, NOW).row(pod);

        assertEquals(List.of("web", "Running", "node-1", "5m"), row);
    }

    @Test
    void wideAllNamespacesPodRowKeepsColumnOrder() {
        Pod pod = Fixtures.runningPod("team-a", "web", "node-1", "proc-42");

        List<String> row = new ResourceTables(true, true, NOW).row(pod);

        assertEquals(List.of("team-a", "web", "Running", "node-1", "process", "process", "proc-42", "Running", "5m"),
                row);
    }

    @Test
    void pendingPodShowsSchedulerChoiceFromAnnotations() {
        Pod pod = Fixtures.pod("default", "queued", 5);
        pod.getStatus().setPhase("Pending");
        pod.getMetadata().getAnnotations().put(ResourceTables.RESOLVED_CLASS_ANNOTATION, "wasm");
        pod.getMetadata().getAnnotations().put(ResourceTables.SELECTED_PROVIDER_ANNOTATION, "wasm");

        List<String> row = new ResourceTables(true, false, NOW).row(pod);

        assertEquals(Arrays.asList("queued", "Pending", null, "wasm", "wasm", null, null, "5s"), row);
    }

    @Test
    void deletingPodShowsTerminating() {
        Pod pod = Fixtures.runningPod("default", "web", "node-1", "proc-42");
        pod.getMetadata().setDeletionTimestamp(NOW);

        assertEquals("Terminating", ResourceTables.podPhase(pod));
    }

    @Test
    void nodeRowShowsProviderHealth() {
        ResourceTables narrow = new ResourceTables(false, false, NOW);
        ResourceTables wide = new ResourceTables(true, false, NOW);

        assertEquals(List.of("node-1", "Ready", "process", "4h"), narrow.row(Fixtures.node("node-1")));
        assertEquals(List.of("node-1", "Ready", "process=healthy,vm=unhealthy", "4h", "cpu=2"), wide.row(Fixtures.node("node-1")));
    }

    @Test
    void cordonedNotReadyNodeShowsBoth() {
        var node = Fixtures.node("node-2");
        node.getStatus().getConditions().get(0).setStatus("False");
        node.getSpec().setUnschedulable(true);

        assertEquals("NotReady,SchedulingDisabled", ResourceTables.nodeStatus(node));
    }

    @Test
    void deploymentRowShowsReadyOverDesired() {
        Deployment deployment = Fixtures.deployment("default", "web", 3);
        deployment.getStatus().setReadyReplicas(2);
        deployment.getStatus().setUpdatedReplicas(3);
        deployment.getStatus().setAvailableReplicas(1);

        assertEquals(List.of("web", "2/3", "3", "1", "60s"), new ResourceTables(false, false, NOW).row(deployment));
        assertEquals(List.of("web", "2/3", "3", "1", "60s", "main", "sleep 3600", "app=web"),
                new ResourceTables(true, false, NOW).row(deployment));
    }

    @Test
    void replicaSetRowShowsDesiredCurrentReady() {
        ReplicaSet replicaSet = new ReplicaSet("default", "web-1");
        replicaSet.getMetadata().setCreationTimestamp(NOW.minusSeconds(30));
        replicaSet.getSpec().setReplicas(3);
        replicaSet.getStatus().setReplicas(2);
        replicaSet.getStatus().setReadyReplicas(1);

        assertEquals(List.of("web-1", "3", "2", "1", "30s"), new ResourceTables(false, false, NOW).row(replicaSet));
    }

    @Test
    void tablePrintsAlignedColumnsAndNonePlaceholders() {
        Pod running = Fixtures.runningPod("default", "web", "node-1", "proc-42");
        Pod queued = Fixtures.pod("default", "a-much-longer-name", 5);
        queued.getStatus().setPhase("Pending");
        StringWriter text = new StringWriter();

        new ResourceTables(false, false, NOW).table(ResourceKind.POD, List.of(running, queued)).print(new PrintWriter(text));

        String expected = String.join(System.lineSeparator(),
                "NAME                 PHASE     NODE     AGE",
                "web                  Running   node-1   5m",
                "a-much-longer-name   Pending   <none>   5s",
                "");
        assertEquals(expected, text.toString());
    }
}
