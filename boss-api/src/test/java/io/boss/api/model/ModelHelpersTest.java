package io.boss.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.api.ResourceKind;
import io.boss.api.json.Serialization;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelHelpersTest {

    @Test
    void percentRoundsLikeKubernetes() {
        IntOrPercent quarter = IntOrPercent.of("25%");

        assertEquals(1, quarter.resolve(3, true));
        assertEquals(0, quarter.resolve(3, false));
        assertEquals(3, quarter.resolve(10, true));
        assertEquals(2, quarter.resolve(10, false));
        assertEquals(4, IntOrPercent.of(4).resolve(10, false));
        assertEquals(4, IntOrPercent.of("4").resolve(10, false));
    }

    @Test
    void invalidIntOrPercentIsReportedNotResolved() {
        IntOrPercent bad = IntOrPercent.of("a%");

        assertFalse(bad.isValid());
        assertFalse(IntOrPercent.of(-1).isValid());
        assertThrows(IllegalStateException.class, () -> bad.resolve(10, true));
    }

    @Test
    void intOrPercentKeepsItsJsonForm() {
        RollingUpdateDeployment bounds = new RollingUpdateDeployment();
        bounds.setMaxSurge(IntOrPercent.of(2));
        bounds.setMaxUnavailable(IntOrPercent.of("10%"));

        String json = Serialization.toJson(bounds);
        RollingUpdateDeployment read = Serialization.read(json.getBytes(StandardCharsets.UTF_8),
                RollingUpdateDeployment.class);

        assertEquals("{\"maxSurge\":2,\"maxUnavailable\":\"10%\"}", json);
        assertEquals(bounds, read);
    }

    @Test
    void conditionTransitionTimeChangesOnlyWithStatus() {
        List<Condition> conditions = new ArrayList<>();
        Instant t1 = Instant.parse("2026-01-01T00:00:00Z");
        Instant t2 = t1.plusSeconds(10);
        Instant t3 = t1.plusSeconds(20);

        boolean added = Conditions.set(conditions, new Condition("Ready", Condition.FALSE, "Starting", null), t1);
        boolean sameStatus = Conditions.set(conditions, new Condition("Ready", Condition.FALSE, "Pulling", null), t2);
        boolean unchanged = Conditions.set(conditions, new Condition("Ready", Condition.FALSE, "Pulling", null), t3);
        Instant afterSameStatus = conditions.get(0).getLastTransitionTime();
        boolean flipped = Conditions.set(conditions, new Condition("Ready", Condition.TRUE, "Started", null), t3);

        assertTrue(added);
        assertTrue(sameStatus);
        assertFalse(unchanged);
        assertEquals(t1, afterSameStatus);
        assertTrue(flipped);
        assertEquals(1, conditions.size());
        assertEquals(t3, conditions.get(0).getLastTransitionTime());
        assertTrue(Conditions.isTrue(conditions, "Ready"));
    }

    @Test
    void resourceKindBuildsPaths() {
        assertEquals("/api/v1/namespaces/default/pods/web", ResourceKind.POD.path("default", "web"));
        assertEquals("/api/v1/pods", ResourceKind.POD.path(null, null));
        assertEquals("/api/v1/nodes/node-1", ResourceKind.NODE.path("ignored", "node-1"));
        assertEquals(Optional.of(ResourceKind.REPLICA_SET), ResourceKind.fromPlural("replicasets"));
        assertEquals(Optional.of(ResourceKind.LEASE), ResourceKind.fromKind("Lease"));
        assertEquals(Optional.empty(), ResourceKind.fromKind("Service"));
        assertEquals(ResourceKind.DEPLOYMENT, ResourceKind.of(Deployment.class));
        assertEquals("DeploymentList", ResourceKind.DEPLOYMENT.listKind());
    }

    @Test
    void sandboxClassResolvesAliasesAndDefaults() {
        PodSpec spec = new PodSpec();
        SandboxClass unset = spec.resolvedSandboxClass();
        spec.setRuntimeClass("baremetal");
        SandboxClass alias = spec.resolvedSandboxClass();
        spec.setSandboxClass("wasm");
        SandboxClass explicit = spec.resolvedSandboxClass();
        spec.setSandboxClass("unikernel");
        SandboxClass unknown = spec.resolvedSandboxClass();

        assertEquals(SandboxClass.PROCESS, unset);
        assertEquals(SandboxClass.PROCESS, alias);
        assertEquals(SandboxClass.WASM, explicit);
        assertNull(unknown);
    }

    @Test
    void controllerReferencePointsAtOwner() {
        ReplicaSet owner = new ReplicaSet("default", "web-1");
        owner.getMetadata().setUid("uid-1");

        OwnerReference reference = OwnerReference.controllerOf(owner);

        assertEquals("ReplicaSet", reference.getKind());
        assertEquals("web-1", reference.getName());
        assertEquals("uid-1", reference.getUid());
        assertTrue(reference.isControllerReference());
        assertTrue(Serialization.toJson(reference).contains("\"controller\":true"));
    }

    @Test
    void restartPolicyDecidesRestarts() {
        assertTrue(RestartPolicy.ALWAYS.restarts(0));
        assertTrue(RestartPolicy.ON_FAILURE.restarts(1));
        assertFalse(RestartPolicy.ON_FAILURE.restarts(0));
        assertFalse(RestartPolicy.NEVER.restarts(1));
    }
}
