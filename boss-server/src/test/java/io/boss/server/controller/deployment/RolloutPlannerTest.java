package io.boss.server.controller.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.boss.api.model.Deployment;
import io.boss.api.model.DeploymentStrategy;
import io.boss.api.model.IntOrPercent;
import io.boss.api.model.ReplicaSet;
import io.boss.api.model.RollingUpdateDeployment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutPlannerTest {

    @Test
    void defaultBoundsRoundSurgeUpAndUnavailableDown() {
        assertEquals(new RolloutPlanner.Bounds(3, 2), RolloutPlanner.bounds(deployment(10, null, null)));
        assertEquals(new RolloutPlanner.Bounds(1, 0), RolloutPlanner.bounds(deployment(1, null, null)));
    }

    @Test
    void zeroSurgeAndZeroUnavailableAllowOneUnavailable() {
        assertEquals(new RolloutPlanner.Bounds(0, 1), RolloutPlanner.bounds(deployment(4, IntOrPercent.of(0), IntOrPercent.of(0))));
    }

    @Test
    void scaleWithoutOldReplicaSetsGoesStraightToDesired() {
        ReplicaSet current = replicaSet("web-a", 3, 3, 1);
        assertEquals(Map.of("web-a", 10), RolloutPlanner.plan(deployment(10, null, null), current, List.of()));
        assertEquals(Map.of("web-a", 0), RolloutPlanner.plan(deployment(0, null, null), current, List.of()));
    }

    @Test
    void newReplicaSetGrowsOnlyUpToSurge() {
        Deployment deployment = deployment(4, null, null);
        ReplicaSet old = replicaSet("web-old", 4, 4, 1);
        ReplicaSet fresh = replicaSet("web-new", 0, 0, 2);

        assertEquals(Map.of("web-new", 1), RolloutPlanner.plan(deployment, fresh, List.of(old)));
    }

    @Test
    void oldReplicaSetShrinksOnlyWhileEnoughPodsStayAvailable() {
        Deployment deployment = deployment(4, null, null);
        ReplicaSet old = replicaSet("web-old", 4, 4, 1);
        ReplicaSet notReady = replicaSet("web-new", 1, 0, 2);
        ReplicaSet ready = replicaSet("web-new", 1, 1, 2);

        // 5 pods, at least 3 must stay available: 4 are available while the new pod is not ready, 5 once it is.
        assertEquals(Map.of("web-old", 3), RolloutPlanner.plan(deployment, notReady, List.of(old)));
        assertEquals(Map.of("web-old", 2), RolloutPlanner.plan(deployment, ready, List.of(old)));
    }

    @Test
    void replicaChangeDuringRolloutScalesProportionally() {
        Deployment deployment = deployment(20, null, null);
        ReplicaSet old = replicaSet("web-old", 6, 6, 1);
        ReplicaSet fresh = replicaSet("web-new", 6, 6, 2);
        old.getMetadata().getAnnotations().put(RolloutPlanner.DESIRED_REPLICAS_ANNOTATION, "10");
        fresh.getMetadata().getAnnotations().put(RolloutPlanner.DESIRED_REPLICAS_ANNOTATION, "10");

        Map<String, Integer> plan = RolloutPlanner.plan(deployment, fresh, List.of(old));

        assertEquals(25, plan.values().stream().mapToInt(Integer::intValue).sum(), "plan " + plan);
        assertEquals(2, plan.size(), "plan " + plan);
    }

    @Test
    void recreateEmptiesOldReplicaSetsBeforeTheNewOneGrows() {
        Deployment deployment = deployment(3, null, null);
        deployment.getSpec().setStrategy(new DeploymentStrategy());
        deployment.getSpec().getStrategy().setType(DeploymentStrategy.RECREATE);
        ReplicaSet old = replicaSet("web-old", 3, 3, 1);
        ReplicaSet fresh = replicaSet("web-new", 0, 0, 2);
        ReplicaSet drainingOld = replicaSet("web-old", 0, 0, 1);
        drainingOld.getStatus().setReplicas(2);
        ReplicaSet emptyOld = replicaSet("web-old", 0, 0, 1);

        assertEquals(Map.of("web-old", 0), RolloutPlanner.plan(deployment, fresh, List.of(old)));
        assertEquals(Map.of(), RolloutPlanner.plan(deployment, fresh, List.of(drainingOld)));
        assertEquals(Map.of("web-new", 3), RolloutPlanner.plan(deployment, fresh, List.of(emptyOld)));
    }

    private static Deployment deployment(int replicas, IntOrPercent maxSurge, IntOrPercent maxUnavailable) {
        Deployment deployment = new Deployment("default", "web");
        deployment.getSpec().setReplicas(replicas);
        if (maxSurge != null || maxUnavailable != null) {
            DeploymentStrategy strategy = new DeploymentStrategy();
            RollingUpdateDeployment rolling = new RollingUpdateDeployment();
            rolling.setMaxSurge(maxSurge);
            rolling.setMaxUnavailable(maxUnavailable);
            strategy.setRollingUpdate(rolling);
            deployment.getSpec().setStrategy(strategy);
        }
        return deployment;
    }

    private static ReplicaSet replicaSet(String name, int replicas, int available, int age) {
        ReplicaSet replicaSet = new ReplicaSet("default", name);
        replicaSet.getMetadata().setCreationTimestamp(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(age));
        replicaSet.getSpec().setReplicas(replicas);
        replicaSet.getStatus().setReplicas(replicas);
        replicaSet.getStatus().setAvailableReplicas(available);
        return replicaSet;
    }
}
