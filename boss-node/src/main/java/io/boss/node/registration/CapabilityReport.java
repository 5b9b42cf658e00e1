package io.boss.node.registration;

import io.boss.api.model.ProviderStatus;
import io.boss.api.model.RuntimeCapabilities;
import io.boss.runtime.ProviderCapabilities;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Maps the providers' self-checks to the {@code status.runtimeCapabilities} the scheduler reads.
 * Lists are sorted by wire name, so an unchanged self-check maps to an equal report and the agent
 * can tell when the Node status needs rewriting.
 */
public final class CapabilityReport {

    private CapabilityReport() {
    }

    /** Returns the runtime capabilities for the self-check results, in provider order. */
    public static RuntimeCapabilities of(List<ProviderCapabilities> capabilities) {
        RuntimeCapabilities report = new RuntimeCapabilities();
        report.setProviders(capabilities.stream().map(CapabilityReport::provider).toList());
        return report;
    }

    private static ProviderStatus provider(ProviderCapabilities capabilities) {
        ProviderStatus status = new ProviderStatus();
        status.setName(capabilities.name());
        status.setHealthy(capabilities.healthy());
        status.setReason(capabilities.reason());
        status.setVersion(capabilities.version());
        status.setClasses(wireNames(capabilities.classes(), c -> c.wireName()));
        status.setArtifactTypes(wireNames(capabilities.artifactTypes(), t -> t.wireName()));
        status.setIsolationLevels(wireNames(capabilities.isolationLevels(), l -> l.wireName()));
        status.setNetworkModes(wireNames(capabilities.networkModes(), m -> m.wireName()));
        status.setCapacity(capabilities.capacity());
        status.setCachedArtifacts(capabilities.cachedArtifacts());
        return status;
    }

    private static <T> List<String> wireNames(Collection<T> values, Function<T, String> wireName) {
        return values.stream().map(wireName).sorted().toList();
    }
}
