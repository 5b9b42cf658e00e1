package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Compute resources of a container, keyed by resource name ({@code cpu}, {@code memory}) with
 * values in Kubernetes quantity notation; see {@link io.boss.api.Quantity}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ResourceRequirements {

    private Map<String, String> requests = new LinkedHashMap<>();
    private Map<String, String> limits = new LinkedHashMap<>();

    public ResourceRequirements() {
    }

    public Map<String, String> getRequests() {
        return requests;
    }

    public void setRequests(Map<String, String> requests) {
        this.requests = requests == null ? new LinkedHashMap<>() : new LinkedHashMap<>(requests);
    }

    public Map<String, String> getLimits() {
        return limits;
    }

    public void setLimits(Map<String, String> limits) {
        this.limits = limits == null ? new LinkedHashMap<>() : new LinkedHashMap<>(limits);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        ResourceRequirements that = (ResourceRequirements) other;
        return Objects.equals(requests, that.requests)
                && Objects.equals(limits, that.limits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requests, limits);
    }
}
