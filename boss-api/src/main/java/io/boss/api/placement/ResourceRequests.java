package io.boss.api.placement;

import io.boss.api.Quantity;
import io.boss.api.model.Container;
import io.boss.api.model.PodSpec;
import io.boss.api.model.ResourceRequirements;

import java.util.Map;

/**
 * The cpu (millicores) and memory (bytes) a pod requests: the sum of its containers'
 * {@code resources.requests}. A container that requests nothing adds zero.
 */
public record ResourceRequests(long cpuMillis, long memoryBytes) {

    public static final ResourceRequests ZERO = new ResourceRequests(0, 0);

    /**
     * Sums the requests of every container of {@code spec}.
     *
     * @throws IllegalArgumentException naming the container and the value when a quantity is malformed
     */
    public static ResourceRequests of(PodSpec spec) {
        long cpu = 0;
        long memory = 0;
        for (Container container : spec.getContainers()) {
            ResourceRequirements resources = container.getResources();
            if (resources == null) {
                continue;
            }
            Map<String, String> requests = resources.getRequests();
            try {
                if (requests.get("cpu") != null) {
                    cpu = Math.addExact(cpu, Quantity.toMillicores(requests.get("cpu")));
                }
                if (requests.get("memory") != null) {
                    memory = Math.addExact(memory, Quantity.toBytes(requests.get("memory")));
                }
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new IllegalArgumentException("container " + container.getName() + ": " + e.getMessage(), e);
            }
        }
        return new ResourceRequests(cpu, memory);
    }

    public ResourceRequests plus(ResourceRequests other) {
        return new ResourceRequests(cpuMillis + other.cpuMillis, memoryBytes + other.memoryBytes);
    }

    public ResourceRequests minus(ResourceRequests other) {
        return new ResourceRequests(cpuMillis - other.cpuMillis, memoryBytes - other.memoryBytes);
    }
}
