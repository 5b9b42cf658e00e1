package io.boss.runtime;

import io.boss.api.model.ArtifactType;
import io.boss.api.model.IsolationLevel;
import io.boss.api.model.NetworkMode;
import io.boss.api.model.Reason;
import io.boss.api.model.SandboxClass;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The reason and detail for a provider that cannot serve a sandbox spec.
 *
 * @param reason the pod status reason
 * @param message the detail naming the provider and the mismatched value
 */
public record CompatibilityProblem(Reason reason, String message) {

    public CompatibilityProblem {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Checks a spec's intent against a provider's self-check: health, class, artifact type,
     * isolation and network mode, in that order. Returns the first problem, or empty when the
     * provider satisfies the intent.
     *
     * <p>A spec without an artifact counts as an executable. A provider whose strongest isolation
     * level is at least the requested one satisfies the request. The closed reason set has no
     * network reason, so a network mode mismatch is reported as {@code IsolationMismatch}.
     */
    public static Optional<CompatibilityProblem> find(SandboxSpec spec, ProviderCapabilities caps) {
        String provider = "provider '" + caps.name() + "'";

        if (!caps.healthy()) {
            return problem(Reason.ProviderUnavailable, provider + " is unhealthy: " + caps.reason());
        }
        if (!caps.classes().contains(spec.sandboxClass())) {
            return problem(Reason.UnsupportedClass, provider + " serves sandbox classes "
                    + wireNames(caps.classes(), SandboxClass::wireName) + ", not " + spec.sandboxClass().wireName());
        }

        ArtifactType artifactType = spec.artifact() == null ? ArtifactType.EXECUTABLE : spec.artifact().type();
        if (!caps.artifactTypes().contains(artifactType)) {
            return problem(Reason.UnsupportedArtifact, provider + " runs artifact types "
                    + wireNames(caps.artifactTypes(), ArtifactType::wireName) + ", not " + artifactType.wireName());
        }

        if (spec.isolation() != null) {
            Optional<IsolationLevel> strongest = caps.strongestIsolation();
            if (strongest.isEmpty() || !strongest.get().satisfies(spec.isolation())) {
                return problem(Reason.IsolationMismatch, provider + " offers isolation up to "
                        + strongest.map(IsolationLevel::wireName).orElse("none")
                        + ", weaker than the requested " + spec.isolation().wireName());
            }
        }
        if (spec.network() != null && !caps.networkModes().contains(spec.network())) {
            return problem(Reason.IsolationMismatch, provider + " offers network modes "
                    + wireNames(caps.networkModes(), NetworkMode::wireName) + ", not " + spec.network().wireName());
        }
        return Optional.empty();
    }

    private static <E extends Enum<E>> List<String> wireNames(Set<E> values, Function<E, String> wireName) {
        return values.stream().sorted().map(wireName).toList();
    }

    private static Optional<CompatibilityProblem> problem(Reason reason, String message) {
        return Optional.of(new CompatibilityProblem(reason, message));
    }
}
