package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rules of an {@link IsolationPolicy}. An empty {@code allowedSandboxClasses} allows every
 * class, an unset {@code minIsolation} allows every level, and an unset {@code allowHostNetwork}
 * allows the host network.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class IsolationPolicySpec {

    private List<String> allowedSandboxClasses = new ArrayList<>();
    private String minIsolation;
    private Boolean allowHostNetwork;

    public IsolationPolicySpec() {
    }

    public List<String> getAllowedSandboxClasses() {
        return allowedSandboxClasses;
    }

    public void setAllowedSandboxClasses(List<String> allowedSandboxClasses) {
        this.allowedSandboxClasses = allowedSandboxClasses == null ? new ArrayList<>() : allowedSandboxClasses;
    }

    public String getMinIsolation() {
        return minIsolation;
    }

    public void setMinIsolation(String minIsolation) {
        this.minIsolation = minIsolation;
    }

    public Boolean getAllowHostNetwork() {
        return allowHostNetwork;
    }

    public void setAllowHostNetwork(Boolean allowHostNetwork) {
        this.allowHostNetwork = allowHostNetwork;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof IsolationPolicySpec that
                && allowedSandboxClasses.equals(that.allowedSandboxClasses)
                && Objects.equals(minIsolation, that.minIsolation)
                && Objects.equals(allowHostNetwork, that.allowHostNetwork);
    }

    @Override
    public int hashCode() {
        return Objects.hash(allowedSandboxClasses, minIsolation, allowHostNetwork);
    }
}
