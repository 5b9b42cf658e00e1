package io.boss.node.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.api.model.Container;
import io.boss.api.model.Pod;
import io.boss.api.model.ResourceRequirements;
import io.boss.runtime.SandboxException;
import io.boss.runtime.SandboxSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a pod's container resources become the sandbox's cgroup limits. */
class PodSandboxSpecsTest {

    @Test
    void limitsTakePrecedenceOverRequests() throws Exception {
        Pod pod = pod(Map.of("cpu", "100m", "memory", "32Mi"), Map.of("cpu", "500m", "memory", "64Mi"));

        SandboxSpec spec = PodSandboxSpecs.forRun(pod, 0);

        assertEquals(500L, spec.cpuMillis());
        assertEquals(100L, spec.cpuRequestMillis());
        assertEquals(64L << 20, spec.memoryBytes());
    }

    @Test
    void cpuRequestIsWeightNotQuota() throws Exception {
        Pod pod = pod(Map.of("cpu", "100m", "memory", "32Mi"), Map.of());

        SandboxSpec spec = PodSandboxSpecs.forRun(pod, 0);

        assertNull(spec.cpuMillis());
        assertEquals(100L, spec.cpuRequestMillis());
        assertEquals(32L << 20, spec.memoryBytes());
    }

    @Test
    void eachResourceFallsBackOnItsOwn() throws Exception {
        Pod pod = pod(Map.of("memory", "32Mi"), Map.of("cpu", "250m"));

        SandboxSpec spec = PodSandboxSpecs.forRun(pod, 0);

        assertEquals(250L, spec.cpuMillis());
        assertEquals(250L, spec.cpuRequestMillis());
        assertEquals(32L << 20, spec.memoryBytes());
    }

    @Test
    void zeroCpuRequestIsKept() throws Exception {
        SandboxSpec spec = PodSandboxSpecs.forRun(pod(Map.of("cpu", "0"), Map.of()), 0);

        assertEquals(0L, spec.cpuRequestMillis());
        assertNull(spec.cpuMillis());
    }

    @Test
    void noResourcesMeanNoLimits() throws Exception {
        SandboxSpec spec = PodSandboxSpecs.forRun(pod(Map.of(), Map.of()), 0);

        assertNull(spec.cpuMillis());
        assertNull(spec.cpuRequestMillis());
        assertNull(spec.memoryBytes());
    }

    @Test
    void invalidLimitNamesItsField() {
        Pod pod = pod(Map.of(), Map.of("memory", "lots"));

        SandboxException error = assertThrows(SandboxException.class, () -> PodSandboxSpecs.forRun(pod, 0));

        assertTrue(error.getMessage().contains("spec.containers[0].resources.limits"), error.getMessage());
    }

    private static Pod pod(Map<String, String> requests, Map<String, String> limits) {
        Pod pod = new Pod("default", "limited");
        pod.getMetadata().setUid("3f6c1a52-0000-4000-8000-000000000001");
        pod.getSpec().setSandboxClass("process");
        Container container = new Container();
        container.setName("main");
        container.setCommand(List.of("sleep", "1"));
        ResourceRequirements resources = new ResourceRequirements();
        resources.setRequests(requests);
        resources.setLimits(limits);
        container.setResources(resources);
        pod.getSpec().setContainers(List.of(container));
        return pod;
    }
}
