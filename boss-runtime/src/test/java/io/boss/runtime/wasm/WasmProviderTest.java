package io.boss.runtime.wasm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.api.model.ArtifactType;
import io.boss.api.model.IsolationLevel;
import io.boss.api.model.NetworkMode;
import io.boss.api.model.Reason;
import io.boss.api.model.SandboxClass;
import io.boss.runtime.LogOptions;
import io.boss.runtime.SandboxArtifact;
import io.boss.runtime.SandboxException;
import io.boss.runtime.SandboxSpec;
import io.boss.runtime.SandboxState;
import io.boss.runtime.SandboxStatus;
import io.boss.runtime.artifact.ArtifactCache;
import io.boss.runtime.artifact.ArtifactResolver;
import io.boss.runtime.artifact.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WasmProviderTest {

    @TempDir
    Path dir;

    private Path stateDir;
    private ArtifactResolver resolver;
    private WasmProvider provider;

    @BeforeEach
    void setUp() {
        stateDir = dir.resolve("state");
        resolver = new ArtifactResolver(new ArtifactCache(stateDir.resolve("artifacts"), 64L << 20, Clock.systemUTC()));
        provider = new WasmProvider(stateDir, resolver, 1L << 20, 64, Duration.ofSeconds(10));
    }

    @Test
    void moduleOutputAndProcExitCodeAreReported() throws Exception {
        Path module = TestModules.write(dir, "hello.wasm", TestModules.printThenExit("hello from wasm\n", 7));

        SandboxStatus started = run(spec("hello", module).build());

        assertTrue(started.state() == SandboxState.RUNNING || started.state() == SandboxState.EXITED,
                "state after start: " + started.state());
        SandboxStatus exited = awaitExit("hello");
        assertEquals(7, exited.exitCode());
        assertEquals("hello from wasm\n", output("hello"));
    }

    @Test
    void argumentsAndEnvironmentComeFromSpec() throws Exception {
        Path args = TestModules.write(dir, "args.wasm", TestModules.printArguments());
        Path env = TestModules.write(dir, "env.wasm", TestModules.printEnvironment());

        run(spec("args", args).command("greeter").args("--name", "boss").build());
        run(spec("env", env).env(Map.of("GREETING", "hi")).build());

        assertEquals(0, awaitExit("args").exitCode());
        assertEquals(0, awaitExit("env").exitCode());
        assertEquals("greeter\0--name\0boss\0", output("args"));
        assertEquals("GREETING=hi\0", output("env"));
    }

    @Test
    void stopInterruptsSpinningModule() throws Exception {
        Path module = TestModules.write(dir, "spin.wasm", TestModules.printThenSpin("spinning\n"));
        run(spec("spin", module).build());
        await("spinning module writes its first line").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertTrue(output("spin").contains("spinning"), output("spin")));

        long begin = System.nanoTime();
        SandboxStatus stopped = provider.stop("spin", Duration.ofSeconds(2));

        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "stop took " + took);
        assertEquals(SandboxState.EXITED, stopped.state());
        assertEquals(143, stopped.exitCode());
        assertEquals(0, provider.runningModules());
    }

    @Test
    void memoryGrowthStopsAtCap() throws Exception {
        Path withinCap = TestModules.write(dir, "small.wasm", TestModules.growMemory(8));
        Path beyondCap = TestModules.write(dir, "large.wasm", TestModules.growMemory(64));

        run(spec("small", withinCap).build());
        run(spec("large", beyondCap).build());

        assertEquals(0, awaitExit("small").exitCode(), "growing 1 page to 9 pages under a 16-page cap");
        assertEquals(3, awaitExit("large").exitCode(), "growing 1 page to 65 pages over a 16-page cap");
    }

    @Test
    void trapEndsModuleWithCode134() throws Exception {
        Path module = TestModules.write(dir, "trap.wasm", TestModules.trap());

        run(spec("trap", module).build());

        assertEquals(134, awaitExit("trap").exitCode());
        assertTrue(output("trap").startsWith("wasm trap:"), output("trap"));
    }

    @Test
    void manyShortModulesLeaveNoThreads() throws Exception {
        Path module = TestModules.write(dir, "short.wasm", TestModules.printThenExit("ok\n", 0));

        for (int i = 0; i < 50; i++) {
            run(spec("short-" + i, module).build());
        }

        await("all 50 modules exit").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var statuses = provider.list();
            assertEquals(50, statuses.size());
            assertTrue(statuses.stream().allMatch(s -> s.state() == SandboxState.EXITED), statuses.toString());
        });
        for (int i = 0; i < 50; i++) {
            provider.remove("short-" + i);
        }
        await("module threads end").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("wasm-")),
                        "a wasm- thread is still alive"));
        assertTrue(provider.list().isEmpty());
        assertEquals(0, provider.runningModules());
    }

    @Test
    void digestMismatchFailsAndCreatesNothing() throws Exception {
        Path module = TestModules.write(dir, "hello.wasm", TestModules.printThenExit("hi\n", 0));
        String wrongDigest = Digests.ofText("something else");
        SandboxSpec spec = spec("pinned", module).artifact(new SandboxArtifact(ArtifactType.WASM_MODULE,
                module.toString(), wrongDigest)).build();

        SandboxException error = assertThrows(SandboxException.class, () -> provider.create(spec));

        assertEquals(Reason.ArtifactFetchFailed, error.reason());
        assertTrue(error.getMessage().contains("expected " + wrongDigest), error.getMessage());
        assertTrue(provider.status("pinned").isEmpty());
        assertTrue(resolver.cachedDigests().isEmpty());
    }

    @Test
    void weakerIsolationIsAcceptedAndStrongerRejected() throws Exception {
        Path module = TestModules.write(dir, "hello.wasm", TestModules.printThenExit("hi\n", 0));

        provider.create(spec("weaker", module).isolation(IsolationLevel.NAMESPACED).network(NetworkMode.NONE).build());

        SandboxException stronger = assertThrows(SandboxException.class, () -> provider.create(spec("stronger", module)
                .isolation(IsolationLevel.KERNEL_ISOLATED).build()));
        SandboxException hostNetwork = assertThrows(SandboxException.class,
                () -> provider.create(spec("hostnet", module).network(NetworkMode.HOST).build()));

        assertEquals(Reason.IsolationMismatch, stronger.reason());
        assertEquals(Reason.IsolationMismatch, hostNetwork.reason());
        assertTrue(provider.status("stronger").isEmpty());
        assertEquals(SandboxState.CREATED, provider.status("weaker").orElseThrow().state());
    }

    @Test
    void restartedProviderReportsOrphanExited() throws Exception {
        Path module = TestModules.write(dir, "spin.wasm", TestModules.printThenSpin("spinning\n"));
        run(spec("orphan", module).build());

        WasmProvider restarted = new WasmProvider(stateDir, resolver, 1L << 20, 64, Duration.ofSeconds(10));
        SandboxStatus status = restarted.status("orphan").orElseThrow();

        assertEquals(SandboxState.EXITED, status.state());
        assertNull(status.exitCode());
        assertTrue(status.message().contains("inside the agent's JVM"), status.message());
        provider.remove("orphan");
    }

    @Test
    void followedLogEndsWhenModuleExits() throws Exception {
        Path module = TestModules.write(dir, "spin.wasm", TestModules.printThenSpin("line one\n"));
        run(spec("follow", module).build());

        try (InputStream log = provider.logs("follow", new LogOptions(null, true))) {
            byte[] first = new byte[9];
            assertEquals(9, log.readNBytes(first, 0, 9));
            assertEquals("line one\n", new String(first, StandardCharsets.UTF_8));
            provider.stop("follow", Duration.ofSeconds(1));
            assertEquals(0, log.readAllBytes().length);
        }
    }

    @Test
    void removeDeletesEverything() throws Exception {
        Path module = TestModules.write(dir, "spin.wasm", TestModules.printThenSpin("x\n"));
        run(spec("gone", module).build());

        provider.remove("gone");

        assertTrue(provider.status("gone").isEmpty());
        assertFalse(Files.exists(stateDir.resolve("wasm").resolve("gone")));
        assertEquals(0, provider.runningModules());
    }

    @Test
    void selfCheckIsHealthy() {
        var capabilities = provider.capabilities();

        assertTrue(capabilities.healthy(), capabilities.reason());
        assertEquals(64, capabilities.capacity());
        assertEquals(IsolationLevel.RUNTIME_SANDBOXED, capabilities.strongestIsolation().orElseThrow());
        assertTrue(capabilities.version().matches("chicory \\d+\\.\\d+\\.\\d+.*"), capabilities.version());
    }

    private SandboxSpec.Builder spec(String id, Path module) {
        return SandboxSpec.builder(id)
                .pod("default", id, "uid-" + id)
                .sandboxClass(SandboxClass.WASM)
                .artifact(new SandboxArtifact(ArtifactType.WASM_MODULE, module.toString(), null));
    }

    private SandboxStatus run(SandboxSpec spec) throws SandboxException {
        provider.prepare(spec);
        provider.create(spec);
        return provider.start(spec.sandboxId());
    }

    private SandboxStatus awaitExit(String id) {
        SandboxStatus[] last = new SandboxStatus[1];
        await("sandbox " + id + " exits").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            last[0] = provider.status(id).orElseThrow();
            assertEquals(SandboxState.EXITED, last[0].state());
        });
        return last[0];
    }

    private String output(String id) throws IOException, SandboxException {
        try (InputStream in = provider.logs(id, LogOptions.all())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
