package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Status of a node as reported by its node agent: readiness, resources and the sandboxes its
 * providers can run. The scheduler trusts nothing else about a node.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class NodeStatus {

    private List<Condition> conditions = new ArrayList<>();
    /** Resources available to pods, such as cpu 2 and memory 8Gi. */
    private Map<String, String> allocatable = new LinkedHashMap<>();
    /** Total resources of the machine. */
    private Map<String, String> capacity = new LinkedHashMap<>();
    private RuntimeCapabilities runtimeCapabilities;
    /** Base URL of the node agent, which the server uses to proxy pod logs. */
    private String agentEndpoint;
    private Instant lastHeartbeatTime;

    public NodeStatus() {
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions == null ? new ArrayList<>() : new ArrayList<>(conditions);
    }

    public Map<String, String> getAllocatable() {
        return allocatable;
    }

    public void setAllocatable(Map<String, String> allocatable) {
        this.allocatable = allocatable == null ? new LinkedHashMap<>() : new LinkedHashMap<>(allocatable);
    }

    public Map<String, String> getCapacity() {
        return capacity;
    }

    public void setCapacity(Map<String, String> capacity) {
        this.capacity = capacity == null ? new LinkedHashMap<>() : new LinkedHashMap<>(capacity);
    }

    public RuntimeCapabilities getRuntimeCapabilities() {
        return runtimeCapabilities;
    }

    public void setRuntimeCapabilities(RuntimeCapabilities runtimeCapabilities) {
        this.runtimeCapabilities = runtimeCapabilities;
    }

    public String getAgentEndpoint() {
        return agentEndpoint;
    }

    public void setAgentEndpoint(String agentEndpoint) {
        this.agentEndpoint = agentEndpoint;
    }

    public Instant getLastHeartbeatTime() {
        return lastHeartbeatTime;
    }

    public void setLastHeartbeatTime(Instant lastHeartbeatTime) {
        this.lastHeartbeatTime = lastHeartbeatTime;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        NodeStatus that = (NodeStatus) other;
        return Objects.equals(conditions, that.conditions)
                && Objects.equals(allocatable, that.allocatable)
                && Objects.equals(capacity, that.capacity)
                && Objects.equals(runtimeCapabilities, that.runtimeCapabilities)
                && Objects.equals(agentEndpoint, that.agentEndpoint)
                && Objects.equals(lastHeartbeatTime, that.lastHeartbeatTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(conditions, allocatable, capacity, runtimeCapabilities, agentEndpoint, lastHeartbeatTime);
    }
}
