package io.boss.runtime;

import io.boss.api.model.ArtifactType;
import io.boss.api.model.IsolationLevel;
import io.boss.api.model.NetworkMode;
import io.boss.api.model.SandboxClass;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The result of a provider's self-check: what it can run on this node right now. The agent
 * reports it in the node status, and the scheduler trusts nothing else about the node.
 *
 * @param name the provider's name
 * @param healthy whether the provider's backend works
 * @param reason null when healthy, else a sentence a user can act on, such as "bwrap not installed"
 * @param version the backend's version, for display
 * @param classes the sandbox classes it serves
 * @param artifactTypes the artifact types it runs
 * @param isolationLevels the isolation levels it offers; the strongest one decides what it can serve
 * @param networkModes the network modes it offers
 * @param capacity how many sandboxes it can run at once, or null for no limit
 * @param cachedArtifacts digests ({@code sha256:<hex>}) of the artifacts in the node's cache that
 *     this provider can start without a fetch; empty for a provider without an artifact cache
 */
public record ProviderCapabilities(
        String name,
        boolean healthy,
        String reason,
        String version,
        Set<SandboxClass> classes,
        Set<ArtifactType> artifactTypes,
        Set<IsolationLevel> isolationLevels,
        Set<NetworkMode> networkModes,
        Integer capacity,
        List<String> cachedArtifacts) {

    public ProviderCapabilities {
        Objects.requireNonNull(name, "name");
        if (!healthy && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("provider " + name + " is unhealthy but gives no reason");
        }
        classes = Set.copyOf(classes);
        artifactTypes = Set.copyOf(artifactTypes);
        isolationLevels = Set.copyOf(isolationLevels);
        networkModes = Set.copyOf(networkModes);
        cachedArtifacts = List.copyOf(cachedArtifacts == null ? List.of() : cachedArtifacts);
    }

    /** Creates capabilities without cached artifacts. */
    public ProviderCapabilities(String name, boolean healthy, String reason, String version, Set<SandboxClass> classes,
            Set<ArtifactType> artifactTypes, Set<IsolationLevel> isolationLevels, Set<NetworkMode> networkModes,
            Integer capacity) {
        this(name, healthy, reason, version, classes, artifactTypes, isolationLevels, networkModes, capacity,
                List.of());
    }

    /** Returns the strongest isolation level offered, or empty when none is listed. */
    public Optional<IsolationLevel> strongestIsolation() {
        return isolationLevels.stream().max(Comparator.naturalOrder());
    }

    /** Returns a copy marked unhealthy for the given reason, keeping everything else. */
    public ProviderCapabilities unhealthy(String unhealthyReason) {
        return new ProviderCapabilities(name, false, unhealthyReason, version, classes, artifactTypes,
                isolationLevels, networkModes, capacity, cachedArtifacts);
    }

    /** Returns a copy that lists the given cached artifact digests, keeping everything else. */
    public ProviderCapabilities withCachedArtifacts(List<String> digests) {
        return new ProviderCapabilities(name, healthy, reason, version, classes, artifactTypes, isolationLevels,
                networkModes, capacity, digests);
    }
}
