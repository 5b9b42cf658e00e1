package io.boss.node.registration;

import io.boss.api.Quantity;
import io.boss.node.config.AllocatableSettings;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The node's cpu and memory in Kubernetes quantity form. Configured overrides win. Otherwise cpu
 * is the available processor count and memory the total physical memory the JVM reports.
 */
public final class HostResources {

    private HostResources() {
    }

    /** Returns the host's detected capacity. */
    public static Map<String, String> capacity() {
        Map<String, String> capacity = new LinkedHashMap<>();
        capacity.put("cpu", Integer.toString(Runtime.getRuntime().availableProcessors()));
        capacity.put("memory", Long.toString(physicalMemoryBytes()));
        return capacity;
    }

    /**
     * Returns what the scheduler may place on the node: the capacity with the overrides applied.
     *
     * @throws IllegalArgumentException naming the setting when an override is not a valid quantity
     */
    public static Map<String, String> allocatable(AllocatableSettings overrides) {
        Map<String, String> allocatable = capacity();
        if (overrides.getCpu() != null) {
            validate("allocatable.cpu", overrides.getCpu(), true);
            allocatable.put("cpu", overrides.getCpu());
        }
        if (overrides.getMemory() != null) {
            validate("allocatable.memory", overrides.getMemory(), false);
            allocatable.put("memory", overrides.getMemory());
        }
        return allocatable;
    }

    private static void validate(String setting, String value, boolean cpu) {
        try {
            if (cpu) {
                Quantity.toMillicores(value);
            } else {
                Quantity.toBytes(value);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
        }
    }

    private static long physicalMemoryBytes() {
        var bean = ManagementFactory.getOperatingSystemMXBean();
        if (bean instanceof com.sun.management.OperatingSystemMXBean osBean) {
            return osBean.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }
}
