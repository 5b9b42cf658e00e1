package io.boss.runtime;

import io.boss.api.model.Reason;
import io.boss.api.model.SandboxClass;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The providers of one node, indexed by name and by the sandbox classes they serve. A class may
 * be served by several providers; {@link #forClass} returns them in registration order, so the
 * agent's choices are deterministic. Immutable and thread-safe.
 */
public final class ProviderRegistry {

    private final Map<String, SandboxProvider> byName = new LinkedHashMap<>();
    private final Map<SandboxClass, List<SandboxProvider>> byClass = new EnumMap<>(SandboxClass.class);

    /** Indexes the providers; the classes of each come from its first self-check. */
    public ProviderRegistry(List<? extends SandboxProvider> providers) {
        for (SandboxProvider provider : providers) {
            SandboxProvider previous = byName.putIfAbsent(provider.name(), provider);
            if (previous != null) {
                throw new IllegalArgumentException("two providers are named '" + provider.name()
                        + "'; provider names must be unique on a node");
            }
            for (SandboxClass sandboxClass : SandboxClass.values()) {
                if (provider.capabilities().classes().contains(sandboxClass)) {
                    byClass.computeIfAbsent(sandboxClass, c -> new ArrayList<>()).add(provider);
                }
            }
        }
    }

    /** Returns the provider with that name, or empty. */
    public Optional<SandboxProvider> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Returns the providers that serve the class, in registration order; healthy or not. */
    public List<SandboxProvider> forClass(SandboxClass sandboxClass) {
        return List.copyOf(byClass.getOrDefault(sandboxClass, List.of()));
    }

    /** Returns every provider's current self-check result, in registration order. */
    public List<ProviderCapabilities> capabilities() {
        List<ProviderCapabilities> result = new ArrayList<>();
        for (SandboxProvider provider : byName.values()) {
            result.add(provider.capabilities());
        }
        return result;
    }

    /**
     * Checks that the named provider still satisfies the spec's intent: it exists and is healthy,
     * and it serves the class, artifact type, isolation level and network mode. Returns empty when
     * it does, else the first problem found; {@link CompatibilityProblem#find} lists the rules.
     */
    public Optional<CompatibilityProblem> check(SandboxSpec spec, String providerName) {
        SandboxProvider provider = byName.get(providerName);
        if (provider == null) {
            return Optional.of(new CompatibilityProblem(Reason.ProviderUnavailable, "provider '" + providerName
                    + "' is not configured on this node; configured providers: " + byName.keySet()));
        }
        return CompatibilityProblem.find(spec, provider.capabilities());
    }
}
