package io.boss.node.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Overrides of what the node offers to the scheduler. A value left out is detected from the
 * host: the processor count for cpu, the physical memory for memory.
 */
public class AllocatableSettings {

    /** CPU in Kubernetes quantity form, such as {@code 2} or {@code 1500m}; null to detect. */
    @JsonProperty
    private String cpu;

    /** Memory in Kubernetes quantity form, such as {@code 4Gi}; null to detect. */
    @JsonProperty
    private String memory;

    public String getCpu() {
        return cpu;
    }

    public void setCpu(String cpu) {
        this.cpu = cpu;
    }

    public String getMemory() {
        return memory;
    }

    public void setMemory(String memory) {
        this.memory = memory;
    }
}
