package io.boss.api.placement;

import io.boss.api.model.PodSpec;
import io.boss.api.model.ProviderStatus;
import io.boss.api.model.Reason;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.boss.api.placement.ProviderMatcherTest.provider;
import static io.boss.api.placement.ProviderMatcherTest.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ProviderSelectorTest {

    private static PlacementIntent intent(PodSpec spec) {
        return PlacementIntent.resolve(spec).intent().orElseThrow();
    }

    @Test
    void weakestSatisfyingIsolationWins() {
        ProviderStatus vm = provider("a-qemu", List.of("process"), List.of("executable"), List.of("hardwareVirtualized"), List.of("host"));
        ProviderStatus namespaced = provider("z-ns", List.of("process"), List.of("executable"), List.of("namespaced"), List.of("host"));

        ProviderSelector.Selection selection = ProviderSelector.select(intent(spec("process", "namespaced", null, null)),
                List.of(vm, namespaced), provider -> 0);

        assertEquals("z-ns", selection.provider().orElseThrow().getName());
    }

    @Test
    void sharedHostRequestPrefersPlainProcessOverNamespaced() {
        ProviderStatus namespaced = provider("namespaced", List.of("process"), List.of("executable"),
                List.of("sharedHost", "namespaced"), List.of("host", "none"));
        ProviderStatus process = provider("process", List.of("process"), List.of("executable"), List.of("sharedHost"), List.of("host"));

        ProviderSelector.Selection selection = ProviderSelector.select(intent(spec("process", "sharedHost", null, null)),
                List.of(namespaced, process), provider -> 0);

        assertEquals("process", selection.provider().orElseThrow().getName());
    }

    @Test
    void equalIsolationGoesToSmallerName() {
        ProviderStatus b = provider("b", List.of("process"), List.of("executable"), List.of("sharedHost"), List.of("host"));
        ProviderStatus a = provider("a", List.of("process"), List.of("executable"), List.of("sharedHost"), List.of("host"));

        assertEquals("a", ProviderSelector.select(intent(new PodSpec()), List.of(b, a), provider -> 0)
                .provider().orElseThrow().getName());
    }

    @Test
    void fullProviderIsSkipped() {
        ProviderStatus a = provider("a", List.of("process"), List.of("executable"), List.of("sharedHost"), List.of("host"));
        a.setCapacity(1);
        ProviderStatus b = provider("b", List.of("process"), List.of("executable"), List.of("sharedHost"), List.of("host"));

        assertEquals("b", ProviderSelector.select(intent(new PodSpec()), List.of(a, b),
                provider -> provider.getName().equals("a") ? 1 : 0).provider().orElseThrow().getName());
    }

    @Test
    void nearestMissIsReported() {
        ProviderStatus container = provider("podman", List.of("container"), List.of("containerImage"), List.of("namespaced"), List.of("bridge"));
        ProviderStatus process = provider("process", List.of("process"), List.of("executable"), List.of("sharedHost"), List.of("host"));

        Rejection rejection = ProviderSelector.select(intent(spec("process", "kernelIsolated", null, null)),
                List.of(container, process), provider -> 0).rejection().orElseThrow();

        assertEquals(Reason.IsolationMismatch, rejection.reason());
    }

    @Test
    void nodeWithoutProvidersRejectsClass() {
        Rejection rejection = ProviderSelector.select(intent(spec("wasm", null, null, null)), List.of(), provider -> 0)
                .rejection().orElseThrow();

        assertEquals("no provider for class wasm", rejection.message());
    }
}
