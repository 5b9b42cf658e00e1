package io.boss.api.placement;

import io.boss.api.model.IsolationLevel;
import io.boss.api.model.PodSpec;
import io.boss.api.model.ProviderStatus;
import io.boss.api.model.Reason;

import java.util.Optional;

/**
 * Checks one provider, as its node reported it, against a pod's placement intent. Pure functions:
 * the scheduler calls them to choose a node and provider, and the node agent calls them again
 * before it starts a sandbox.
 *
 * <p>Checks run in this order and the first failure is returned: the provider runs the class
 * ({@code UnsupportedClass}); it is healthy ({@code ProviderUnavailable}); it accepts the artifact
 * type ({@code UnsupportedArtifact}); it offers an isolation level at least as strong as the
 * requested one ({@code IsolationMismatch}); it offers the network mode ({@code IsolationMismatch},
 * because the closed reason set has no network reason). A provider that reports no network modes
 * at all passes when the pod left the mode to the class default. Capacity is checked apart, by
 * {@link #checkCapacity}, because only the caller knows how many sandboxes the provider runs.
 */
public final class ProviderMatcher {

    private ProviderMatcher() {
    }

    /** Resolves {@code spec} and matches it against {@code provider}. */
    public static Optional<Rejection> match(PodSpec spec, ProviderStatus provider) {
        PlacementIntent.Resolution resolution = PlacementIntent.resolve(spec);
        if (resolution.rejection().isPresent()) {
            return resolution.rejection();
        }
        return match(resolution.intent().orElseThrow(), provider);
    }

    /** Returns why {@code provider} cannot run {@code intent}, or empty when it can. */
    public static Optional<Rejection> match(PlacementIntent intent, ProviderStatus provider) {
        String name = provider.getName();
        String className = intent.sandboxClass().wireName();
        if (!provider.getClasses().contains(className)) {
            return reject(Reason.UnsupportedClass, "no provider for class " + className, Rejection.STAGE_CLASS);
        }

        if (!provider.isHealthy()) {
            String why = provider.getReason() == null || provider.getReason().isEmpty()
                    ? "" : " (" + name + ": " + provider.getReason() + ")";
            return reject(Reason.ProviderUnavailable, "no healthy provider for class " + className + why,
                    Rejection.STAGE_HEALTH);
        }

        if (intent.artifactType() != null && !provider.getArtifactTypes().contains(intent.artifactType().wireName())) {
            return reject(Reason.UnsupportedArtifact, "provider " + name + " does not accept artifact type "
                    + intent.artifactType().wireName(), Rejection.STAGE_ARTIFACT);
        }

        if (offeredIsolation(intent, provider).isEmpty()) {
            return reject(Reason.IsolationMismatch, "provider " + name + " offers no isolation level at least "
                    + intent.isolation().wireName(), Rejection.STAGE_ISOLATION);
        }

        String mode = intent.network().wireName();
        boolean acceptsDefault = intent.networkDefaulted() && provider.getNetworkModes().isEmpty();
        if (!acceptsDefault && !provider.getNetworkModes().contains(mode)) {
            return reject(Reason.IsolationMismatch, "provider " + name + " does not offer network mode " + mode,
                    Rejection.STAGE_NETWORK);
        }
        return Optional.empty();
    }

    /**
     * Returns why {@code provider} cannot take one more sandbox when it already runs
     * {@code sandboxesInUse}, or empty when it can. A null capacity means unbounded.
     */
    public static Optional<Rejection> checkCapacity(ProviderStatus provider, int sandboxesInUse) {
        Integer capacity = provider.getCapacity();
        if (capacity == null || sandboxesInUse < capacity) {
            return Optional.empty();
        }
        return reject(Reason.InsufficientResources, "provider " + provider.getName() + " is full ("
                + sandboxesInUse + "/" + capacity + " sandboxes)", Rejection.STAGE_CAPACITY);
    }

    /**
     * Returns the isolation level {@code provider} would run {@code intent} at: the weakest level it
     * offers that satisfies the request, or the weakest level it offers at all when the pod asks for
     * none. Empty when no offered level satisfies the request. A provider that reports no levels
     * satisfies only a pod that asks for none, at {@link IsolationLevel#SHARED_HOST}.
     */
    public static Optional<IsolationLevel> offeredIsolation(PlacementIntent intent, ProviderStatus provider) {
        IsolationLevel requested = intent.isolation() == null ? IsolationLevel.SHARED_HOST : intent.isolation();
        IsolationLevel best = null;
        for (String wireName : provider.getIsolationLevels()) {
            IsolationLevel level = IsolationLevel.fromWireName(wireName);
            if (level != null && level.satisfies(requested) && (best == null || level.compareTo(best) < 0)) {
                best = level;
            }
        }
        if (best == null && intent.isolation() == null && provider.getIsolationLevels().isEmpty()) {
            return Optional.of(IsolationLevel.SHARED_HOST);
        }
        return Optional.ofNullable(best);
    }

    private static Optional<Rejection> reject(Reason reason, String message, int stage) {
        return Optional.of(new Rejection(reason, message, stage));
    }
}
