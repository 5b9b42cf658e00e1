package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One sandbox provider as it reported itself. A provider with {@code healthy == false} is never
 * chosen; {@code reason} says why it is unhealthy.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ProviderStatus {

    private String name;
    private boolean healthy;
    private String reason;
    private String version;
    /** SandboxClass wire names the provider runs. */
    private List<String> classes = new ArrayList<>();
    /** ArtifactType wire names the provider accepts. */
    private List<String> artifactTypes = new ArrayList<>();
    /** IsolationLevel wire names the provider offers. */
    private List<String> isolationLevels = new ArrayList<>();
    /** NetworkMode wire names the provider offers. */
    private List<String> networkModes = new ArrayList<>();
    /** Maximum number of sandboxes at once. Null means unbounded. */
    private Integer capacity;
    /** Digests of artifacts already in the node-local cache. */
    private List<String> cachedArtifacts = new ArrayList<>();

    public ProviderStatus() {
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isHealthy() {
        return healthy;
    }

    public void setHealthy(boolean healthy) {
        this.healthy = healthy;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public List<String> getClasses() {
        return classes;
    }

    public void setClasses(List<String> classes) {
        this.classes = classes == null ? new ArrayList<>() : new ArrayList<>(classes);
    }

    public List<String> getArtifactTypes() {
        return artifactTypes;
    }

    public void setArtifactTypes(List<String> artifactTypes) {
        this.artifactTypes = artifactTypes == null ? new ArrayList<>() : new ArrayList<>(artifactTypes);
    }

    public List<String> getIsolationLevels() {
        return isolationLevels;
    }

    public void setIsolationLevels(List<String> isolationLevels) {
        this.isolationLevels = isolationLevels == null ? new ArrayList<>() : new ArrayList<>(isolationLevels);
    }

    public List<String> getNetworkModes() {
        return networkModes;
    }

    public void setNetworkModes(List<String> networkModes) {
        this.networkModes = networkModes == null ? new ArrayList<>() : new ArrayList<>(networkModes);
    }

    public Integer getCapacity() {
        return capacity;
    }

    public void setCapacity(Integer capacity) {
        this.capacity = capacity;
    }

    public List<String> getCachedArtifacts() {
        return cachedArtifacts;
    }

    public void setCachedArtifacts(List<String> cachedArtifacts) {
        this.cachedArtifacts = cachedArtifacts == null ? new ArrayList<>() : new ArrayList<>(cachedArtifacts);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        ProviderStatus that = (ProviderStatus) other;
        return Objects.equals(name, that.name)
                && healthy == that.healthy
                && Objects.equals(reason, that.reason)
                && Objects.equals(version, that.version)
                && Objects.equals(classes, that.classes)
                && Objects.equals(artifactTypes, that.artifactTypes)
                && Objects.equals(isolationLevels, that.isolationLevels)
                && Objects.equals(networkModes, that.networkModes)
                && Objects.equals(capacity, that.capacity)
                && Objects.equals(cachedArtifacts, that.cachedArtifacts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, healthy, reason, version, classes, artifactTypes, isolationLevels, networkModes,
                capacity, cachedArtifacts);
    }
}
