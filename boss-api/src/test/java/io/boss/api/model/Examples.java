package io.boss.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Fully populated objects of every kind, for round-trip and validation tests. */
public final class Examples {

    public static final Instant T0 = Instant.parse("2026-01-31T12:00:00.123456789Z");

    private Examples() {
    }

    public static ObjectMeta metadata(String namespace, String name) {
        ObjectMeta metadata = new ObjectMeta(namespace, name);
        metadata.setUid("4f6c2a52-6a3e-4c57-9f1e-1d2b3c4d5e6f");
        metadata.setResourceVersion("42");
        metadata.setGeneration(3);
        metadata.setCreationTimestamp(T0);
        metadata.setDeletionTimestamp(T0.plusSeconds(60));
        metadata.setLabels(Map.of("app", "web"));
        metadata.setAnnotations(Map.of("boss.io/selected-provider", "process"));
        OwnerReference owner = new OwnerReference();
        owner.setApiVersion(Resource.API_VERSION);
        owner.setKind("ReplicaSet");
        owner.setName("web-5d8f");
        owner.setUid("0a1b2c3d");
        owner.setController(Boolean.TRUE);
        owner.setBlockOwnerDeletion(Boolean.FALSE);
        metadata.setOwnerReferences(List.of(owner));
        return metadata;
    }

    public static PodSpec podSpec() {
        Artifact artifact = new Artifact();
        artifact.setType("executable");
        artifact.setPath("/usr/bin/sleep");
        artifact.setImage("docker.io/library/busybox:1.36");
        artifact.setUri("file:///srv/artifacts/sleep");
        artifact.setDigest("sha256:" + "ab".repeat(32));
        NetworkSpec network = new NetworkSpec();
        network.setMode("host");
        SandboxIntent sandbox = new SandboxIntent();
        sandbox.setArtifact(artifact);
        sandbox.setIsolation("sharedHost");
        sandbox.setNetwork(network);

        ResourceRequirements resources = new ResourceRequirements();
        resources.setRequests(Map.of("cpu", "500m", "memory", "128Mi"));
        resources.setLimits(Map.of("cpu", "1", "memory", "1Gi"));
        Container container = new Container();
        container.setName("main");
        container.setImage("busybox");
        container.setCommand(List.of("sleep"));
        container.setArgs(List.of("30"));
        container.setEnv(List.of(new EnvVar("MODE", "test")));
        container.setResources(resources);

        PodSpec spec = new PodSpec();
        spec.setSandboxClass("process");
        spec.setRuntimeClass("baremetal");
        spec.setSandbox(sandbox);
        spec.setContainers(List.of(container));
        spec.setRestartPolicy("OnFailure");
        spec.setNodeName("node-1");
        spec.setTerminationGracePeriodSeconds(5L);
        return spec;
    }

    public static Condition condition(String type) {
        Condition condition = new Condition(type, Condition.TRUE, "Started", "sandbox started");
        condition.setLastTransitionTime(T0);
        condition.setObservedGeneration(3L);
        return condition;
    }

    public static Pod pod() {
        Pod pod = new Pod();
        pod.setMetadata(metadata("default", "web-1"));
        pod.setSpec(podSpec());
        PodStatus status = pod.getStatus();
        status.setPhase("Running");
        status.setConditions(List.of(condition(ConditionTypes.SANDBOX_READY)));
        status.setReason("StartFailed");
        status.setMessage("exec failed");
        status.setSandboxId("sbx-1");
        status.setProvider("process");
        status.setExitCode(0);
        status.setStartTime(T0);
        status.setFinishTime(T0.plusSeconds(5));
        status.setRestartCount(2);
        status.setHostIp("127.0.0.1");
        return pod;
    }

    public static Node node() {
        Node node = new Node(null, "node-1");
        node.setMetadata(metadata(null, "node-1"));
        node.getSpec().setUnschedulable(true);
        ProviderStatus provider = new ProviderStatus();
        provider.setName("process");
        provider.setHealthy(true);
        provider.setReason("ok");
        provider.setVersion("1.0");
        provider.setClasses(List.of("process"));
        provider.setArtifactTypes(List.of("executable"));
        provider.setIsolationLevels(List.of("sharedHost"));
        provider.setNetworkModes(List.of("host"));
        provider.setCapacity(16);
        provider.setCachedArtifacts(List.of("sha256:" + "cd".repeat(32)));
        RuntimeCapabilities capabilities = new RuntimeCapabilities();
        capabilities.setProviders(List.of(provider));
        NodeStatus status = node.getStatus();
        status.setConditions(List.of(condition(ConditionTypes.READY)));
        status.setAllocatable(Map.of("cpu", "2", "memory", "8Gi"));
        status.setCapacity(Map.of("cpu", "4", "memory", "16Gi"));
        status.setRuntimeCapabilities(capabilities);
        status.setAgentEndpoint("http://127.0.0.1:9100");
        status.setLastHeartbeatTime(T0);
        return node;
    }

    public static Lease lease() {
        Lease lease = new Lease();
        lease.setMetadata(metadata("kube-system", "scheduler"));
        LeaseSpec spec = lease.getSpec();
        spec.setHolderIdentity("replica-1");
        spec.setLeaseDurationSeconds(15);
        spec.setAcquireTime(T0);
        spec.setRenewTime(T0.plusSeconds(10));
        spec.setLeaseTransitions(4);
        return lease;
    }

    public static LabelSelector selector() {
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(Map.of("app", "web"));
        selector.setMatchExpressions(List.of(new LabelSelectorRequirement("tier", "NotIn", List.of("db"))));
        return selector;
    }

    public static PodTemplateSpec template() {
        PodTemplateSpec template = new PodTemplateSpec();
        template.setMetadata(new ObjectMeta());
        template.getMetadata().setLabels(Map.of("app", "web", "tier", "front"));
        PodSpec spec = podSpec();
        spec.setNodeName(null);
        spec.setRestartPolicy("Always");
        template.setSpec(spec);
        return template;
    }

    public static ReplicaSet replicaSet() {
        ReplicaSet replicaSet = new ReplicaSet();
        replicaSet.setMetadata(metadata("default", "web-5d8f"));
        ReplicaSetSpec spec = replicaSet.getSpec();
        spec.setReplicas(3);
        spec.setSelector(selector());
        spec.setTemplate(template());
        spec.setMinReadySeconds(5);
        ReplicaSetStatus status = replicaSet.getStatus();
        status.setReplicas(3);
        status.setReadyReplicas(2);
        status.setAvailableReplicas(1);
        status.setFullyLabeledReplicas(3);
        status.setObservedGeneration(3);
        status.setConditions(List.of(condition(ConditionTypes.RECONCILING)));
        return replicaSet;
    }

    public static Deployment deployment() {
        Deployment deployment = new Deployment();
        deployment.setMetadata(metadata("default", "web"));
        RollingUpdateDeployment rollingUpdate = new RollingUpdateDeployment();
        rollingUpdate.setMaxSurge(IntOrPercent.of(2));
        rollingUpdate.setMaxUnavailable(IntOrPercent.of("25%"));
        DeploymentStrategy strategy = new DeploymentStrategy();
        strategy.setType(DeploymentStrategy.ROLLING_UPDATE);
        strategy.setRollingUpdate(rollingUpdate);
        DeploymentSpec spec = deployment.getSpec();
        spec.setReplicas(3);
        spec.setSelector(selector());
        spec.setTemplate(template());
        spec.setStrategy(strategy);
        spec.setRevisionHistoryLimit(5);
        spec.setMinReadySeconds(2);
        spec.setPaused(true);
        DeploymentStatus status = deployment.getStatus();
        status.setObservedGeneration(3);
        status.setReplicas(3);
        status.setUpdatedReplicas(2);
        status.setReadyReplicas(2);
        status.setAvailableReplicas(2);
        status.setUnavailableReplicas(1);
        status.setConditions(List.of(condition(ConditionTypes.PROGRESSING), condition(ConditionTypes.AVAILABLE)));
        status.setCollisionCount(1);
        return deployment;
    }

    public static Event event() {
        Event event = new Event("default", "web-0.0123456789abcdef");
        event.getMetadata().setUid("event-uid");
        event.getMetadata().setCreationTimestamp(T0);
        event.setInvolvedObject(new ObjectReference("Pod", "default", "web-0", "pod-uid"));
        event.setReason("Scheduled");
        event.setMessage("Bound to node-1 (provider process)");
        event.setType(Event.NORMAL);
        event.setSource(new EventSource("scheduler", null));
        event.setCount(3);
        event.setFirstTimestamp(T0);
        event.setLastTimestamp(T0.plusSeconds(30));
        return event;
    }

    public static List<Resource> all() {
        return List.of(pod(), node(), lease(), replicaSet(), deployment(), event());
    }
}
