package io.boss.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.api.model.AgentSandboxState;
import io.boss.api.model.Artifact;
import io.boss.api.model.Container;
import io.boss.api.model.Deployment;
import io.boss.api.model.EnvVar;
import io.boss.api.model.Examples;
import io.boss.api.model.IntOrPercent;
import io.boss.api.model.LabelSelectorRequirement;
import io.boss.api.model.Lease;
import io.boss.api.model.NetworkSpec;
import io.boss.api.model.Node;
import io.boss.api.model.Pod;
import io.boss.api.model.ReplicaSet;
import io.boss.api.model.Resource;
import io.boss.api.model.ResourceRequirements;
import io.boss.api.model.SandboxIntent;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ResourceValidatorTest {

    private static Map<String, String> byPath(List<FieldError> errors) {
        return errors.stream().collect(Collectors.toMap(FieldError::path, FieldError::message, (a, b) -> a + " | " + b));
    }

    private static Pod processPod() {
        Pod pod = new Pod("default", "web");
        Container container = new Container();
        container.setName("main");
        container.setCommand(List.of("/bin/sleep", "30"));
        pod.getSpec().setContainers(List.of(container));
        return pod;
    }

    @Test
    void fullExamplesAreValid() {
        for (Resource resource : Examples.all()) {
            assertEquals(List.of(), ResourceValidator.validate(resource), resource.toString());
        }
    }

    @Test
    void minimalProcessPodIsValid() {
        assertEquals(List.of(), ResourceValidator.validate(processPod()));
    }

    @Test
    void podReportsEveryProblemAtOnce() {
        Pod pod = processPod();
        pod.getMetadata().setName("Web_1");
        pod.getMetadata().setNamespace(null);
        pod.getMetadata().setLabels(Map.of("bad key!", "ok", "app", "-x"));
        pod.getSpec().setSandboxClass("unikernel");
        pod.getSpec().setRestartPolicy("Sometimes");
        pod.getSpec().setTerminationGracePeriodSeconds(-1L);
        SandboxIntent sandbox = new SandboxIntent();
        sandbox.setIsolation("strong");
        NetworkSpec network = new NetworkSpec();
        network.setMode("mesh");
        sandbox.setNetwork(network);
        pod.getSpec().setSandbox(sandbox);
        Container second = new Container();
        second.setName("main");
        second.setEnv(List.of(new EnvVar("1BAD", "x")));
        ResourceRequirements resources = new ResourceRequirements();
        resources.setRequests(Map.of("cpu", "lots", "memory", "2Gi"));
        resources.setLimits(Map.of("memory", "1Gi"));
        second.setResources(resources);
        pod.getSpec().setContainers(List.of(pod.getSpec().getContainers().get(0), second));

        Map<String, String> errors = byPath(ResourceValidator.validate(pod));

        assertTrue(errors.get("metadata.name").contains("invalid name \"Web_1\""), errors.toString());
        assertEquals("is required", errors.get("metadata.namespace"));
        assertTrue(errors.get("metadata.labels").contains("bad key!"), errors.toString());
        assertTrue(errors.get("metadata.labels.app").contains("\"-x\""), errors.toString());
        assertEquals("unsupported value \"unikernel\": expected one of process, container, wasm, vm, microvm, "
                + "baremetal, firecracker", errors.get("spec.sandboxClass"));
        assertEquals("unsupported value \"Sometimes\": expected one of Always, OnFailure, Never",
                errors.get("spec.restartPolicy"));
        assertEquals("must be 0 or greater, got -1", errors.get("spec.terminationGracePeriodSeconds"));
        assertTrue(errors.get("spec.sandbox.isolation").contains("sharedHost, namespaced, runtimeSandboxed, "
                + "kernelIsolated, hardwareVirtualized"), errors.toString());
        assertTrue(errors.get("spec.sandbox.network.mode").contains("host, none, nat, bridge"), errors.toString());
        assertEquals("duplicate container name \"main\"", errors.get("spec.containers[1].name"));
        assertTrue(errors.get("spec.containers[1].env[0].name").contains("1BAD"), errors.toString());
        assertTrue(errors.get("spec.containers[1].resources.requests.cpu").contains("invalid quantity \"lots\""),
                errors.toString());
        assertEquals("request 2Gi must not exceed limit 1Gi", errors.get("spec.containers[1].resources.requests.memory"));
        assertEquals(13, errors.size(), errors.toString());
    }

    @Test
    void processPodWithoutCommandNeedsArtifact() {
        Pod pod = processPod();
        pod.getSpec().getContainers().get(0).setCommand(List.of());

        List<FieldError> withoutArtifact = ResourceValidator.validate(pod);
        Artifact artifact = new Artifact();
        artifact.setType("executable");
        artifact.setPath("/usr/bin/sleep");
        SandboxIntent sandbox = new SandboxIntent();
        sandbox.setArtifact(artifact);
        pod.getSpec().setSandbox(sandbox);
        List<FieldError> withArtifact = ResourceValidator.validate(pod);

        assertEquals(List.of(new FieldError("spec.containers[0].command", "is required for sandbox class \"process\" "
                + "unless sandbox.artifact names the executable")), withoutArtifact);
        assertEquals(List.of(), withArtifact);
    }

    @Test
    void podWithoutContainersIsRejected() {
        Pod pod = new Pod("default", "empty");

        assertEquals(List.of(new FieldError("spec.containers", "at least one container is required")),
                ResourceValidator.validate(pod));
    }

    @Test
    void containerPodNeedsImage() {
        Pod pod = processPod();
        pod.getSpec().setSandboxClass("container");

        assertEquals(List.of(new FieldError("spec.containers[0].image",
                "is required for sandbox class \"container\" unless sandbox.artifact.image is set")),
                ResourceValidator.validate(pod));
    }

    @Test
    void wasmClassRequiresWasmModuleArtifact() {
        Pod pod = processPod();
        pod.getSpec().setSandboxClass("wasm");
        List<FieldError> missing = ResourceValidator.validate(pod);

        Artifact artifact = new Artifact();
        artifact.setType("containerImage");
        artifact.setImage("busybox");
        artifact.setDigest("sha256:xyz");
        SandboxIntent sandbox = new SandboxIntent();
        sandbox.setArtifact(artifact);
        pod.getSpec().setSandbox(sandbox);
        Map<String, String> mismatched = byPath(ResourceValidator.validate(pod));

        assertEquals(List.of(new FieldError("spec.sandbox.artifact", "is required for sandbox class \"wasm\"")), missing);
        assertEquals("artifact type \"containerImage\" cannot run in sandbox class \"wasm\": expected wasmModule",
                mismatched.get("spec.sandbox.artifact.type"));
        assertTrue(mismatched.get("spec.sandbox.artifact.digest").contains("sha256:xyz"), mismatched.toString());
        assertEquals(2, mismatched.size(), mismatched.toString());
    }

    @Test
    void aliasResolvesBeforeArtifactCheck() {
        Pod pod = processPod();
        pod.getSpec().setRuntimeClass("firecracker");
        Artifact artifact = new Artifact();
        artifact.setType("rootfsImage");
        artifact.setUri("https://artifacts.example/rootfs.ext4");
        SandboxIntent sandbox = new SandboxIntent();
        sandbox.setArtifact(artifact);
        pod.getSpec().setSandbox(sandbox);

        assertEquals(List.of(), ResourceValidator.validate(pod));
    }

    @Test
    void artifactNeedsTypeAndLocation() {
        Pod pod = processPod();
        Artifact artifact = new Artifact();
        artifact.setUri("ftp://host/file");
        artifact.setPath("relative/file");
        SandboxIntent sandbox = new SandboxIntent();
        sandbox.setArtifact(artifact);
        pod.getSpec().setSandbox(sandbox);

        Map<String, String> errors = byPath(ResourceValidator.validate(pod));

        assertTrue(errors.get("spec.sandbox.artifact.type").startsWith("is required: expected one of executable"),
                errors.toString());
        assertEquals("must be an absolute path, got \"relative/file\"", errors.get("spec.sandbox.artifact.path"));
        assertTrue(errors.get("spec.sandbox.artifact.uri").contains("ftp://host/file"), errors.toString());
        assertEquals(3, errors.size(), errors.toString());
    }

    @Test
    void statusValuesAreChecked() {
        Pod pod = processPod();
        pod.getStatus().setPhase("Sleeping");
        pod.getStatus().setReason("Tired");
        pod.getStatus().setConditions(List.of(new io.boss.api.model.Condition("Ready", "Maybe", null, null)));

        Map<String, String> errors = byPath(ResourceValidator.validate(pod));

        assertTrue(errors.get("status.phase").contains("Pending, Running, Succeeded, Failed, Unknown"), errors.toString());
        assertTrue(errors.get("status.reason").contains("UnsupportedClass"), errors.toString());
        assertTrue(errors.get("status.conditions[0].status").contains("True, False, Unknown"), errors.toString());
        assertEquals(3, errors.size(), errors.toString());
    }

    @Test
    void unknownSandboxStateIsRejectedWithPath() {
        Pod pod = processPod();
        pod.getStatus().setSandboxState("Sleeping");

        Map<String, String> errors = byPath(ResourceValidator.validate(pod));

        assertEquals("unsupported value \"Sleeping\": expected one of Preparing, Created, Starting, Running, "
                + "Stopping, Exited, Failed", errors.get("status.sandboxState"));
        assertEquals(1, errors.size(), errors.toString());
    }

    @Test
    void everySandboxStateWireNameIsAccepted() {
        for (AgentSandboxState state : AgentSandboxState.values()) {
            Pod pod = processPod();
            pod.getStatus().setSandboxState(state.wireName());

            assertEquals(List.of(), ResourceValidator.validate(pod), state.wireName());
        }
    }

    @Test
    void nodeIsClusterScoped() {
        Node node = Examples.node();
        node.getMetadata().setNamespace("default");
        node.getStatus().setAllocatable(Map.of("cpu", "2 cores"));

        Map<String, String> errors = byPath(ResourceValidator.validate(node));

        assertEquals("must be empty because Node is cluster-scoped", errors.get("metadata.namespace"));
        assertTrue(errors.get("status.allocatable.cpu").contains("2 cores"), errors.toString());
        assertEquals(2, errors.size(), errors.toString());
    }

    @Test
    void leaseDurationMustBePositive() {
        Lease lease = Examples.lease();
        lease.getSpec().setLeaseDurationSeconds(0);

        assertEquals(List.of(new FieldError("spec.leaseDurationSeconds", "must be greater than 0, got 0")),
                ResourceValidator.validate(lease));
    }

    @Test
    void selectorMustMatchTemplateLabels() {
        ReplicaSet replicaSet = Examples.replicaSet();
        replicaSet.getSpec().getSelector().setMatchLabels(Map.of("app", "api"));

        List<FieldError> errors = ResourceValidator.validate(replicaSet);

        assertEquals(1, errors.size(), errors.toString());
        assertEquals("spec.template.metadata.labels", errors.get(0).path());
        assertTrue(errors.get(0).message().startsWith("do not match spec.selector \"app=api,tier notin (db)\""),
                errors.get(0).message());
    }

    @Test
    void workloadReportsEveryProblemAtOnce() {
        Deployment deployment = Examples.deployment();
        deployment.getSpec().setReplicas(-1);
        deployment.getSpec().setRevisionHistoryLimit(-2);
        deployment.getSpec().getSelector().setMatchExpressions(List.of(
                new LabelSelectorRequirement("tier", "Near", List.of("db")),
                new LabelSelectorRequirement("zone", "In", List.of())));
        deployment.getSpec().getTemplate().getSpec().setRestartPolicy("Never");
        deployment.getSpec().getStrategy().setType("BlueGreen");
        deployment.getSpec().getStrategy().getRollingUpdate().setMaxSurge(IntOrPercent.of("lots"));

        Map<String, String> errors = byPath(ResourceValidator.validate(deployment));

        assertEquals("must be 0 or greater, got -1", errors.get("spec.replicas"));
        assertEquals("must be 0 or greater, got -2", errors.get("spec.revisionHistoryLimit"));
        assertTrue(errors.get("spec.selector.matchExpressions[0].operator").contains("expected In, NotIn, Exists or "
                + "DoesNotExist"), errors.toString());
        assertTrue(errors.get("spec.selector.matchExpressions[1].operator").contains("needs at least one value"),
                errors.toString());
        assertEquals("unsupported value \"Never\": pods of a ReplicaSet or Deployment must use Always",
                errors.get("spec.template.spec.restartPolicy"));
        assertEquals("unsupported value \"BlueGreen\": expected one of RollingUpdate, Recreate",
                errors.get("spec.strategy.type"));
        assertTrue(errors.get("spec.strategy.rollingUpdate.maxSurge").contains("\"lots\""), errors.toString());
        assertEquals(7, errors.size(), errors.toString());
    }

    @Test
    void emptySelectorIsRejected() {
        ReplicaSet replicaSet = Examples.replicaSet();
        replicaSet.getSpec().setSelector(null);

        assertEquals(List.of(new FieldError("spec.selector", "is required and must have matchLabels or matchExpressions")),
                ResourceValidator.validate(replicaSet));
    }

    @Test
    void zeroSurgeAndZeroUnavailableIsRejected() {
        Deployment deployment = Examples.deployment();
        deployment.getSpec().getStrategy().getRollingUpdate().setMaxSurge(IntOrPercent.of(0));
        deployment.getSpec().getStrategy().getRollingUpdate().setMaxUnavailable(IntOrPercent.of("0%"));

        List<FieldError> errors = ResourceValidator.validate(deployment);

        assertEquals(1, errors.size(), errors.toString());
        assertEquals("spec.strategy.rollingUpdate.maxUnavailable", errors.get(0).path());
    }

    @Test
    void wrongKindAndApiVersionAreReported() {
        Pod pod = processPod();
        pod.setKind("Node");
        pod.setApiVersion("v1");

        Map<String, String> errors = byPath(ResourceValidator.validate(pod));

        assertEquals("unexpected kind \"Node\": expected Pod", errors.get("kind"));
        assertEquals("unsupported value \"v1\": expected boss.io/v1", errors.get("apiVersion"));
    }

    @Test
    void validateOrThrowJoinsEveryProblem() {
        Pod pod = new Pod("default", "Bad");

        ValidationException error = assertThrows(ValidationException.class, () -> ResourceValidator.validateOrThrow(pod));

        assertEquals(2, error.errors().size());
        assertTrue(error.getMessage().startsWith("Pod \"default/Bad\" is invalid: metadata.name: invalid name \"Bad\""),
                error.getMessage());
        assertTrue(error.getMessage().endsWith("; spec.containers: at least one container is required"),
                error.getMessage());
    }

    @Test
    void namesFollowDnsRules() {
        assertTrue(Names.checkSubdomain("a.b-c.d").isEmpty());
        assertTrue(Names.checkSubdomain("a".repeat(253)).isEmpty());
        assertTrue(Names.checkSubdomain("a".repeat(254)).isPresent());
        assertTrue(Names.checkSubdomain("-a").isPresent());
        assertTrue(Names.checkSubdomain("a..b").isPresent());
        assertTrue(Names.checkLabel("a.b").isPresent());
        assertTrue(Names.checkLabel("a".repeat(64)).isPresent());
        assertTrue(Names.checkLabelKey("boss.io/selected-provider").isEmpty());
        assertTrue(Names.checkLabelKey("Boss.IO/name").isPresent());
        assertTrue(Names.checkLabelKey("/name").isPresent());
        assertTrue(Names.checkLabelKey("app.kubernetes.io/").isPresent());
        assertTrue(Names.checkLabelValue("").isEmpty());
        assertTrue(Names.checkLabelValue("A_b.c-1").isEmpty());
        assertTrue(Names.checkLabelValue("a b").isPresent());
    }
}
