package io.boss.api.placement;

import io.boss.api.model.IsolationLevel;
import io.boss.api.model.ProviderStatus;
import io.boss.api.model.Reason;

import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Chooses the provider of one node that runs a pod, deterministically.
 *
 * <p>Among the providers that pass {@link ProviderMatcher#match} and have capacity left, the one
 * whose strongest isolation level is weakest wins, so a request for {@code namespaced} goes to a
 * namespaced-process provider rather than to a VM, and a {@code sharedHost} request goes to the
 * plain process provider even when a namespaced provider also lists {@code sharedHost}; ties go to
 * the smaller provider name. When none fits, the rejection of the provider that passed the
 * most checks is returned (ties again by provider name), so the message names the nearest miss.
 */
public final class ProviderSelector {

    private ProviderSelector() {
    }

    /** Returns the strongest isolation level {@code provider} lists, or {@code sharedHost} when it lists none. */
    static IsolationLevel strongestIsolation(ProviderStatus provider) {
        IsolationLevel strongest = IsolationLevel.SHARED_HOST;
        for (String wireName : provider.getIsolationLevels()) {
            IsolationLevel level = IsolationLevel.fromWireName(wireName);
            if (level != null && level.compareTo(strongest) > 0) {
                strongest = level;
            }
        }
        return strongest;
    }

    /**
     * Chooses a provider from {@code providers} for {@code intent}.
     *
     * @param sandboxesInUse number of sandboxes a provider already runs on this node, by provider
     */
    public static Selection select(PlacementIntent intent, List<ProviderStatus> providers,
                                   ToIntFunction<ProviderStatus> sandboxesInUse) {
        ProviderStatus chosen = null;
        IsolationLevel chosenLevel = null;
        Rejection nearestMiss = null;
        String nearestMissProvider = null;

        for (ProviderStatus provider : providers) {
            Optional<Rejection> rejection = ProviderMatcher.match(intent, provider);
            if (rejection.isEmpty()) {
                rejection = ProviderMatcher.checkCapacity(provider, sandboxesInUse.applyAsInt(provider));
            }

            if (rejection.isPresent()) {
                Rejection miss = rejection.get();
                if (nearestMiss == null || miss.stage() > nearestMiss.stage()
                        || (miss.stage() == nearestMiss.stage() && provider.getName().compareTo(nearestMissProvider) < 0)) {
                    nearestMiss = miss;
                    nearestMissProvider = provider.getName();
                }
                continue;
            }

            IsolationLevel level = strongestIsolation(provider);
            if (chosen == null || level.compareTo(chosenLevel) < 0
                    || (level == chosenLevel && provider.getName().compareTo(chosen.getName()) < 0)) {
                chosen = provider;
                chosenLevel = level;
            }
        }

        if (chosen != null) {
            return new Selection(Optional.of(chosen), Optional.empty());
        }
        if (nearestMiss == null) {
            nearestMiss = new Rejection(Reason.UnsupportedClass,
                    "no provider for class " + intent.sandboxClass().wireName(), Rejection.STAGE_CLASS);
        }
        return new Selection(Optional.empty(), Optional.of(nearestMiss));
    }

    /** Outcome of {@link #select}: exactly one of {@code provider} and {@code rejection} is present. */
    public record Selection(Optional<ProviderStatus> provider, Optional<Rejection> rejection) {
    }
}
