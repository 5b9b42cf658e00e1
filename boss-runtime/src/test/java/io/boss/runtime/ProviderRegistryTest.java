package io.boss.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.api.model.ArtifactType;
import io.boss.api.model.IsolationLevel;
import io.boss.api.model.NetworkMode;
import io.boss.api.model.Reason;
import io.boss.api.model.SandboxClass;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ProviderRegistryTest {

    private static final ProviderCapabilities NAMESPACED = new ProviderCapabilities("namespaced", true, null, "test",
            Set.of(SandboxClass.PROCESS), Set.of(ArtifactType.EXECUTABLE),
            Set.of(IsolationLevel.SHARED_HOST, IsolationLevel.NAMESPACED), Set.of(NetworkMode.NONE, NetworkMode.HOST),
            null);
    private static final ProviderCapabilities PROCESS = new ProviderCapabilities("process", true, null, "test",
            Set.of(SandboxClass.PROCESS), Set.of(ArtifactType.EXECUTABLE), Set.of(IsolationLevel.SHARED_HOST),
            Set.of(NetworkMode.HOST), null);
    private static final ProviderCapabilities BROKEN = new ProviderCapabilities("wasm", false,
            "wasm runtime failed its self-check", "test", Set.of(SandboxClass.WASM), Set.of(ArtifactType.WASM_MODULE),
            Set.of(IsolationLevel.RUNTIME_SANDBOXED), Set.of(NetworkMode.NONE), null);

    private final ProviderRegistry registry = new ProviderRegistry(List.of(
            new FixedProvider(PROCESS), new FixedProvider(NAMESPACED), new FixedProvider(BROKEN)));

    static Stream<Arguments> checkCases() {
        return Stream.of(
                Arguments.of("process serves a plain process", "process", spec(SandboxClass.PROCESS,
                        ArtifactType.EXECUTABLE, IsolationLevel.SHARED_HOST, NetworkMode.HOST), null),
                Arguments.of("no requirements", "process", spec(SandboxClass.PROCESS, null, null, null), null),
                Arguments.of("stronger isolation serves weaker", "namespaced", spec(SandboxClass.PROCESS,
                        ArtifactType.EXECUTABLE, IsolationLevel.SHARED_HOST, NetworkMode.NONE), null),
                Arguments.of("class mismatch", "process", spec(SandboxClass.VM, null, null, null),
                        Reason.UnsupportedClass),
                Arguments.of("weaker provider isolation", "process", spec(SandboxClass.PROCESS,
                        ArtifactType.EXECUTABLE, IsolationLevel.NAMESPACED, null), Reason.IsolationMismatch),
                Arguments.of("network mode missing", "process", spec(SandboxClass.PROCESS, null, null,
                        NetworkMode.NONE), Reason.IsolationMismatch),
                Arguments.of("artifact type", "process", spec(SandboxClass.PROCESS,
                        ArtifactType.CONTAINER_IMAGE, null, null), Reason.UnsupportedArtifact),
                Arguments.of("unhealthy provider", "wasm", spec(SandboxClass.WASM, ArtifactType.WASM_MODULE,
                        null, null), Reason.ProviderUnavailable),
                Arguments.of("unknown provider", "container", spec(SandboxClass.PROCESS, null, null, null),
                        Reason.ProviderUnavailable));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkCases")
    void checkReportsFirstMismatch(String description, String providerName, SandboxSpec spec, Reason expected) {
        Optional<CompatibilityProblem> problem = registry.check(spec, providerName);

        assertEquals(Optional.ofNullable(expected), problem.map(CompatibilityProblem::reason),
                () -> description + ": " + problem.map(CompatibilityProblem::message).orElse("no problem"));
        problem.ifPresent(p -> assertTrue(p.message().contains(providerName), p.message()));
    }

    @Test
    void unhealthyMessageCarriesProviderReason() {
        CompatibilityProblem problem = registry.check(spec(SandboxClass.WASM, null, null, null), "wasm").orElseThrow();

        assertTrue(problem.message().contains("wasm runtime failed its self-check"), problem.message());
    }

    @Test
    void forClassKeepsRegistrationOrder() {
        List<String> names = registry.forClass(SandboxClass.PROCESS).stream().map(SandboxProvider::name).toList();

        assertEquals(List.of("process", "namespaced"), names);
        assertEquals(List.of(), registry.forClass(SandboxClass.CONTAINER));
        assertEquals("wasm", registry.byName("wasm").orElseThrow().name());
        assertEquals(List.of(PROCESS, NAMESPACED, BROKEN), registry.capabilities());
    }

    @Test
    void duplicateProviderNameIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new ProviderRegistry(List.of(new FixedProvider(PROCESS), new FixedProvider(PROCESS))));

        assertTrue(error.getMessage().contains("process"), error.getMessage());
    }

    private static SandboxSpec spec(SandboxClass sandboxClass, ArtifactType artifactType, IsolationLevel isolation,
            NetworkMode network) {
        return SandboxSpec.builder("check")
                .sandboxClass(sandboxClass)
                .artifact(artifactType == null ? null : new SandboxArtifact(artifactType, "/bin/true", null))
                .isolation(isolation)
                .network(network)
                .command("/bin/true")
                .build();
    }

    /** A provider whose self-check result is fixed; the registry calls nothing else. */
    private record FixedProvider(ProviderCapabilities capabilities) implements SandboxProvider {

        @Override
        public String name() {
            return capabilities.name();
        }

        @Override
        public void prepare(SandboxSpec spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SandboxStatus create(SandboxSpec spec) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SandboxStatus start(String sandboxId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SandboxStatus stop(String sandboxId, Duration grace) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void remove(String sandboxId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<SandboxStatus> status(String sandboxId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InputStream logs(String sandboxId, LogOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<SandboxStatus> list() {
            throw new UnsupportedOperationException();
        }
    }
}
