package io.boss.cli.testing;

import io.boss.api.model.Condition;
import io.boss.api.model.ConditionTypes;
import io.boss.api.model.Container;
import io.boss.api.model.Deployment;
import io.boss.api.model.LabelSelector;
import io.boss.api.model.Node;
import io.boss.api.model.Pod;
import io.boss.api.model.PodTemplateSpec;
import io.boss.api.model.ProviderStatus;
import io.boss.api.model.RuntimeCapabilities;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Objects with the fields the formatting tests read. */
public final class Fixtures {

    /** The instant the tests treat as now. */
    public static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");

    private Fixtures() {
    }

    /** Creates a process pod that runs {@code sleep 3600}, created {@code ageSeconds} before {@link #NOW}. */
    public static Pod pod(String namespace, String name, long ageSeconds) {
        Pod pod = new Pod(namespace, name);
        pod.getMetadata().setCreationTimestamp(NOW.minusSeconds(ageSeconds));
        pod.getSpec().setSandboxClass("process");
        pod.getSpec().setContainers(List.of(container("main", "sleep", "3600")));
        return pod;
    }

    /** Creates a pod that a node agent reported as running in sandbox {@code sandboxId}. */
    public static Pod runningPod(String namespace, String name, String node, String sandboxId) {
        Pod pod = pod(namespace, name, 300);
        pod.getSpec().setNodeName(node);
        pod.getStatus().setPhase("Running");
        pod.getStatus().setProvider("process");
        pod.getStatus().setSandboxId(sandboxId);
        pod.getStatus().setSandboxState("Running");
        return pod;
    }

    public static Container container(String name, String... command) {
        Container container = new Container();
        container.setName(name);
        container.setCommand(List.of(command));
        return container;
    }

    /** Creates a Ready node with a healthy process provider and an unhealthy vm provider. */
    public static Node node(String name) {
        Node node = new Node(null, name);
        node.getMetadata().setCreationTimestamp(NOW.minusSeconds(4 * 3600));
        node.getStatus().setConditions(List.of(new Condition(ConditionTypes.READY, Condition.TRUE, "AgentReady", "heartbeats arrive")));
        node.getStatus().setAllocatable(Map.of("cpu", "2"));
        RuntimeCapabilities capabilities = new RuntimeCapabilities();
        capabilities.setProviders(List.of(provider("process", true, null), provider("vm", false, "qemu-system-x86_64 not found on PATH")));
        node.getStatus().setRuntimeCapabilities(capabilities);
        return node;
    }

    public static ProviderStatus provider(String name, boolean healthy, String reason) {
        ProviderStatus provider = new ProviderStatus();
        provider.setName(name);
        provider.setHealthy(healthy);
        provider.setReason(reason);
        provider.setClasses(List.of(name));
        return provider;
    }

    /** Creates a Deployment of {@code replicas} sleep pods labelled app=NAME. */
    public static Deployment deployment(String namespace, String name, int replicas) {
        Deployment deployment = new Deployment(namespace, name);
        deployment.getMetadata().setCreationTimestamp(NOW.minusSeconds(60));
        deployment.getSpec().setReplicas(replicas);
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(Map.of("app", name));
        deployment.getSpec().setSelector(selector);
        PodTemplateSpec template = new PodTemplateSpec();
        template.getMetadata().setLabels(Map.of("app", name));
        template.getSpec().setContainers(List.of(container("main", "sleep", "3600")));
        deployment.getSpec().setTemplate(template);
        return deployment;
    }
}
