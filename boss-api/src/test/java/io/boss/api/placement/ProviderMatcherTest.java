package io.boss.api.placement;

import io.boss.api.model.Artifact;
import io.boss.api.model.Container;
import io.boss.api.model.NetworkSpec;
import io.boss.api.model.PodSpec;
import io.boss.api.model.ProviderStatus;
import io.boss.api.model.Reason;
import io.boss.api.model.ResourceRequirements;
import io.boss.api.model.SandboxIntent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProviderMatcherTest {

    static ProviderStatus provider(String name, List<String> classes, List<String> artifactTypes,
                                   List<String> isolation, List<String> network) {
        ProviderStatus provider = new ProviderStatus();
        provider.setName(name);
        provider.setHealthy(true);
        provider.setClasses(classes);
        provider.setArtifactTypes(artifactTypes);
        provider.setIsolationLevels(isolation);
        provider.setNetworkModes(network);
        return provider;
    }

    static ProviderStatus processProvider() {
        return provider("process", List.of("process"), List.of("executable"), List.of("sharedHost"), List.of("host"));
    }

    static PodSpec spec(String sandboxClass, String isolation, String artifactType, String network) {
        PodSpec spec = new PodSpec();
        spec.setSandboxClass(sandboxClass);
        SandboxIntent intent = new SandboxIntent();
        intent.setIsolation(isolation);
        if (artifactType != null) {
            Artifact artifact = new Artifact();
            artifact.setType(artifactType);
            artifact.setPath("/bin/true");
            intent.setArtifact(artifact);
        }
        if (network != null) {
            NetworkSpec networkSpec = new NetworkSpec();
            networkSpec.setMode(network);
            intent.setNetwork(networkSpec);
        }
        spec.setSandbox(intent);
        return spec;
    }

    @Test
    void processPodWithoutIntentMatchesProcessProvider() {
        assertEquals(Optional.empty(), ProviderMatcher.match(new PodSpec(), processProvider()));
    }

    @Test
    void classNotRunByProviderIsUnsupportedClass() {
        Rejection rejection = ProviderMatcher.match(spec("wasm", null, null, null), processProvider()).orElseThrow();

        assertEquals(Reason.UnsupportedClass, rejection.reason());
        assertEquals("no provider for class wasm", rejection.message());
    }

    @Test
    void unhealthyProviderIsUnavailableWithItsReason() {
        ProviderStatus wasm = provider("wasm", List.of("wasm"), List.of("wasmModule"), List.of("runtimeSandboxed"), List.of("none"));
        wasm.setHealthy(false);
        wasm.setReason("runtime missing");

        Rejection rejection = ProviderMatcher.match(spec("wasm", null, null, null), wasm).orElseThrow();

        assertEquals(Reason.ProviderUnavailable, rejection.reason());
        assertEquals("no healthy provider for class wasm (wasm: runtime missing)", rejection.message());
    }

    @Test
    void artifactTypeNotAcceptedIsUnsupportedArtifact() {
        Rejection rejection = ProviderMatcher.match(spec("process", null, "diskImage", null), processProvider()).orElseThrow();

        assertEquals(Reason.UnsupportedArtifact, rejection.reason());
    }

    @Test
    void processPodWithoutArtifactNeedsExecutableSupport() {
        ProviderStatus noExecutables = provider("odd", List.of("process"), List.of("wasmModule"), List.of("sharedHost"), List.of("host"));

        Rejection rejection = ProviderMatcher.match(new PodSpec(), noExecutables).orElseThrow();

        assertEquals(Reason.UnsupportedArtifact, rejection.reason());
        assertTrue(rejection.message().contains("executable"), rejection.message());
    }

    @Test
    void strongerIsolationSatisfiesWeakerRequest() {
        ProviderStatus vm = provider("qemu", List.of("process"), List.of("executable"), List.of("hardwareVirtualized"), List.of("host"));

        assertEquals(Optional.empty(), ProviderMatcher.match(spec("process", "namespaced", null, null), vm));
    }

    @Test
    void weakerIsolationIsIsolationMismatch() {
        Rejection rejection = ProviderMatcher.match(spec("process", "kernelIsolated", null, null), processProvider()).orElseThrow();

        assertEquals(Reason.IsolationMismatch, rejection.reason());
        assertEquals("provider process offers no isolation level at least kernelIsolated", rejection.message());
    }

    @Test
    void explicitNetworkModeMustBeOffered() {
        Rejection rejection = ProviderMatcher.match(spec("process", null, null, "bridge"), processProvider()).orElseThrow();

        assertEquals(Reason.IsolationMismatch, rejection.reason());
        assertEquals("provider process does not offer network mode bridge", rejection.message());
    }

    @Test
    void defaultNetworkPassesProviderThatReportsNoModes() {
        ProviderStatus silent = provider("process", List.of("process"), List.of("executable"), List.of("sharedHost"), List.of());

        assertEquals(Optional.empty(), ProviderMatcher.match(new PodSpec(), silent));
    }

    @Test
    void unknownClassIsRejectedBeforeAnyProvider() {
        Rejection rejection = ProviderMatcher.match(spec("gpu", null, null, null), processProvider()).orElseThrow();

        assertEquals(Reason.UnsupportedClass, rejection.reason());
        assertEquals("unknown sandbox class gpu", rejection.message());
    }

    @Test
    void runtimeClassAliasResolvesToProcess() {
        PodSpec spec = new PodSpec();
        spec.setRuntimeClass("baremetal");

        assertEquals(Optional.empty(), ProviderMatcher.match(spec, processProvider()));
    }

    @Test
    void fullProviderIsInsufficientResources() {
        ProviderStatus provider = processProvider();
        provider.setCapacity(2);

        assertEquals(Optional.empty(), ProviderMatcher.checkCapacity(provider, 1));
        assertEquals(Reason.InsufficientResources, ProviderMatcher.checkCapacity(provider, 2).orElseThrow().reason());
    }

    @Test
    void requestsSumOverContainers() {
        PodSpec spec = new PodSpec();
        spec.setContainers(List.of(container("500m", "1Gi"), container("1", "512Mi"), new Container()));

        assertEquals(new ResourceRequests(1500, (1L << 30) + (512L << 20)), ResourceRequests.of(spec));
    }

    @Test
    void malformedRequestNamesContainer() {
        PodSpec spec = new PodSpec();
        Container bad = container("lots", "1Gi");
        bad.setName("web");
        spec.setContainers(List.of(bad));

        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> ResourceRequests.of(spec));
        assertTrue(error.getMessage().startsWith("container web: invalid quantity \"lots\""), error.getMessage());
    }

    private static Container container(String cpu, String memory) {
        Container container = new Container();
        container.setName("c");
        ResourceRequirements resources = new ResourceRequirements();
        resources.setRequests(Map.of("cpu", cpu, "memory", memory));
        container.setResources(resources);
        return container;
    }
}
