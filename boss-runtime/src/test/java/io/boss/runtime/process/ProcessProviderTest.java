package io.boss.runtime.process;

import static io.boss.runtime.process.ProcessFixture.groupPids;
import static io.boss.runtime.process.ProcessFixture.shell;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.api.model.ArtifactType;
import io.boss.api.model.IsolationLevel;
import io.boss.api.model.NetworkMode;
import io.boss.api.model.Reason;
import io.boss.api.model.SandboxClass;
import io.boss.runtime.LogOptions;
import io.boss.runtime.ProviderCapabilities;
import io.boss.runtime.SandboxArtifact;
import io.boss.runtime.SandboxException;
import io.boss.runtime.SandboxSpec;
import io.boss.runtime.SandboxState;
import io.boss.runtime.SandboxStatus;
import io.boss.runtime.host.ProcStat;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessProviderTest {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path stateDir;

    private ProcessProvider provider;
    private final List<Long> startedPgids = new ArrayList<>();

    @BeforeEach
    void createProvider() {
        provider = new ProcessProvider(stateDir);
    }

    @AfterEach
    void removeEverything() throws Exception {
        ProcessFixture.removeAll(provider, startedPgids);
    }

    @Test
    void startedSandboxRunsInItsOwnSession() throws Exception {
        SandboxStatus status = createAndStart(shell("sleeper", "sleep 300"));

        assertEquals(SandboxState.RUNNING, status.state());
        assertNotNull(status.pid());
        assertNotNull(status.startedAt());
        assertTrue(ProcessHandle.of(status.pid()).map(ProcessHandle::isAlive).orElse(false), "pid is alive");
        ProcStat stat = ProcStat.read(status.pid()).orElseThrow();
        assertEquals(status.pid(), stat.pgid(), "the supervisor leads its process group");
        assertEquals(status.pid(), stat.sessionId(), "the supervisor leads its session");
        assertEquals(List.of(status), provider.list());
    }

    @Test
    void logsContainStdoutAndStderr() throws Exception {
        createAndStart(shell("echo", "echo hello; echo oops >&2"));
        awaitExit("echo");

        String output = readLogs("echo", LogOptions.all());

        assertEquals("hello\noops\n", output);
    }

    @Test
    void logsTailReturnsLastLines() throws Exception {
        createAndStart(shell("lines", "for i in 1 2 3 4 5; do echo line$i; done"));
        awaitExit("lines");

        assertEquals("line4\nline5\n", readLogs("lines", new LogOptions(2, false)));
        assertEquals("", readLogs("lines", new LogOptions(0, false)));
        assertEquals("line1\nline2\nline3\nline4\nline5\n", readLogs("lines", new LogOptions(10, false)));
    }

    @Test
    void logsFollowStreamsUntilExit() throws Exception {
        createAndStart(shell("follow", "echo first; while [ ! -f release ]; do sleep 0.05; done; echo second"));
        StringBuffer received = new StringBuffer();
        Thread reader;
        try (InputStream in = provider.logs("follow", new LogOptions(null, true))) {
            reader = new Thread(() -> copyInto(in, received), "log-follower");
            reader.start();

            await("first line is streamed").atMost(EXIT_TIMEOUT)
                    .untilAsserted(() -> assertEquals("first\n", received.toString()));
            Files.createFile(stateDir.resolve("process/follow/work/release"));

            await("follow stream ends after the sandbox exits").atMost(EXIT_TIMEOUT)
                    .untilAsserted(() -> assertFalse(reader.isAlive(), "reader thread has finished"));
        }
        assertEquals("first\nsecond\n", received.toString());
    }

    @Test
    void exitCodesAreRecorded() throws Exception {
        createAndStart(shell("ok", "exit 0"));
        createAndStart(shell("three", "exit 3"));

        SandboxStatus ok = awaitExit("ok");
        SandboxStatus three = awaitExit("three");

        assertEquals(0, ok.exitCode());
        assertEquals(3, three.exitCode());
        assertNotNull(three.finishedAt());
        assertNull(three.pid());
    }

    @Test
    void sigtermExitIsRecordedAs143() throws Exception {
        SandboxSpec spec = SandboxSpec.builder("term").command("sleep", "300").build();
        SandboxStatus running = createAndStart(spec);
        long startedAt = System.nanoTime();

        SandboxStatus stopped = provider.stop("term", Duration.ofSeconds(20));

        Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "stop ended on SIGTERM, took " + took);
        assertEquals(SandboxState.EXITED, stopped.state());
        assertEquals(143, stopped.exitCode());
        assertEquals(List.of(), groupPids(running.pid()));
    }

    @Test
    void stopEndsGrandchildrenOfTheGroup() throws Exception {
        SandboxStatus running = createAndStart(shell("family", "sleep 300 & sleep 300 & wait"));
        await("supervisor, shell and two sleeps run").atMost(EXIT_TIMEOUT)
                .untilAsserted(() -> assertEquals(4, groupPids(running.pid()).size()));

        SandboxStatus stopped = provider.stop("family", Duration.ofSeconds(5));

        assertEquals(List.of(), groupPids(running.pid()));
        assertEquals(SandboxState.EXITED, stopped.state());
        assertEquals(143, stopped.exitCode());
    }

    @Test
    void sigtermIgnoringWorkloadIsKilled() throws Exception {
        SandboxStatus running = createAndStart(shell("stubborn", "trap '' TERM; sleep 300"));
        await("the sleep runs with SIGTERM ignored").atMost(EXIT_TIMEOUT)
                .untilAsserted(() -> assertEquals(3, groupPids(running.pid()).size()));
        Duration grace = Duration.ofSeconds(1);
        long startedAt = System.nanoTime();

        SandboxStatus stopped = provider.stop("stubborn", grace);

        Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
        assertTrue(took.compareTo(grace) >= 0, "stop waited for the grace period, took " + took);
        assertEquals(List.of(), groupPids(running.pid()));
        assertEquals(SandboxState.EXITED, stopped.state());
        assertEquals(137, stopped.exitCode());
        assertTrue(stopped.message().contains("SIGKILL"), stopped.message());
    }

    @Test
    void repeatedOperationsChangeNothing() throws Exception {
        SandboxSpec spec = SandboxSpec.builder("repeat").command("sleep", "300").build();
        SandboxStatus created = provider.create(spec);
        assertEquals(created, provider.create(spec));

        SandboxStatus first = provider.start("repeat");
        startedPgids.add(first.pid());
        SandboxStatus second = provider.start("repeat");
        assertEquals(first.pid(), second.pid());
        await("workload runs").atMost(EXIT_TIMEOUT)
                .untilAsserted(() -> assertEquals(2, groupPids(first.pid()).size()));

        SandboxStatus stopped = provider.stop("repeat", Duration.ofSeconds(5));
        assertEquals(stopped, provider.stop("repeat", Duration.ofSeconds(5)));
        assertEquals(stopped, provider.start("repeat"), "an exited sandbox is not launched again");

        provider.remove("repeat");
        provider.remove("repeat");
        assertTrue(provider.status("repeat").isEmpty());
        assertFalse(Files.exists(stateDir.resolve("process/repeat")));
    }

    @Test
    void concurrentStartsLaunchOnce() throws Exception {
        provider.create(SandboxSpec.builder("race").command("sleep", "300").build());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<SandboxStatus>> starts = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                starts.add(pool.submit(() -> provider.start("race")));
            }
            Set<Long> pids = new TreeSet<>();
            for (Future<SandboxStatus> start : starts) {
                pids.add(start.get(10, TimeUnit.SECONDS).pid());
            }
            startedPgids.addAll(pids);

            assertEquals(1, pids.size(), "all starts returned one pid: " + pids);
            long pid = pids.iterator().next();
            await("workload runs").atMost(EXIT_TIMEOUT)
                    .untilAsserted(() -> assertEquals(2, groupPids(pid).size()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void createWithOtherSpecUnderSameIdFails() throws Exception {
        provider.create(shell("taken", "sleep 1"));

        SandboxException error = assertThrows(SandboxException.class,
                () -> provider.create(shell("taken", "sleep 2")));

        assertEquals(Reason.CreateFailed, error.reason());
        assertTrue(error.getMessage().contains("taken"), error.getMessage());
    }

    @Test
    void stopBeforeStartPreventsLaunch() throws Exception {
        provider.create(shell("never", "echo should-not-run"));

        SandboxStatus stopped = provider.stop("never", Duration.ofSeconds(1));
        SandboxStatus afterStart = provider.start("never");

        assertEquals(SandboxState.EXITED, stopped.state());
        assertEquals(stopped, afterStart);
        assertNull(afterStart.pid());
        assertEquals("", readLogs("never", LogOptions.all()));
    }

    @Test
    void restartedProviderFindsRunningSandbox() throws Exception {
        SandboxStatus running = createAndStart(SandboxSpec.builder("survivor").command("sleep", "300").build());
        await("workload runs").atMost(EXIT_TIMEOUT)
                .untilAsserted(() -> assertEquals(2, groupPids(running.pid()).size()));

        ProcessProvider restarted = new ProcessProvider(stateDir);
        List<SandboxStatus> found = restarted.list();
        SandboxStatus startedAgain = restarted.start("survivor");

        assertEquals(1, found.size());
        assertEquals(SandboxState.RUNNING, found.get(0).state());
        assertEquals(running.pid(), found.get(0).pid());
        assertEquals(running.pid(), startedAgain.pid());
        assertEquals(2, groupPids(running.pid()).size(), "no second workload was launched");

        SandboxStatus stopped = restarted.stop("survivor", Duration.ofSeconds(5));
        assertEquals(143, stopped.exitCode());
        assertEquals(List.of(), groupPids(running.pid()));
    }

    @Test
    void restartedProviderReportsExitWhileDown() throws Exception {
        createAndStart(shell("finisher", "while [ ! -f release ]; do sleep 0.05; done; exit 7"));
        // From here on the first instance is never called again, as if its agent had stopped.
        Files.createFile(stateDir.resolve("process/finisher/work/release"));

        ProcessProvider restarted = new ProcessProvider(stateDir);

        await("new instance sees the exit").atMost(EXIT_TIMEOUT).untilAsserted(() -> {
            SandboxStatus status = restarted.status("finisher").orElseThrow();
            assertEquals(SandboxState.EXITED, status.state());
            assertEquals(7, status.exitCode());
        });
    }

    @Test
    void listByPrefixReturnsOnlyMatchingSandboxes() throws Exception {
        provider.create(shell("pod-a-0", "sleep 1"));
        provider.create(shell("pod-a-1", "sleep 1"));
        provider.create(shell("pod-b-0", "sleep 1"));

        List<String> matching = provider.list("pod-a-").stream().map(SandboxStatus::sandboxId).toList();
        List<String> none = provider.list("pod-c-").stream().map(SandboxStatus::sandboxId).toList();

        assertEquals(List.of("pod-a-0", "pod-a-1"), matching);
        assertEquals(List.of(), none);
        assertEquals(3, provider.list().size(), "an empty prefix lists every sandbox");
    }

    @Test
    void emptyRecordCountsAsNoSandbox() throws Exception {
        // A host crash may leave the record of a created sandbox empty, because create does not fsync it.
        provider.create(shell("emptied", "echo first"));
        Files.writeString(stateDir.resolve("process/emptied/sandbox.properties"), "");

        assertTrue(provider.status("emptied").isEmpty(), "an empty record is no sandbox");
        assertEquals(List.of(), provider.list());

        SandboxStatus created = provider.create(shell("emptied", "echo second"));
        assertEquals(SandboxState.CREATED, created.state(), "the sandbox can be created again");
    }

    @Test
    void missingExecutableIsRejectedByName() throws Exception {
        for (String command : List.of("no-such-program-boss", "/nonexistent/bin/boss-tool")) {
            SandboxSpec spec = SandboxSpec.builder("missing").command(command, "arg").build();

            SandboxException error = assertThrows(SandboxException.class, () -> provider.create(spec));

            assertEquals(Reason.CreateFailed, error.reason());
            assertTrue(error.getMessage().contains(command), error.getMessage());
            assertTrue(provider.status("missing").isEmpty(), "nothing was recorded");
        }
    }

    @Test
    void specWithoutProgramIsInvalid() {
        SandboxSpec spec = SandboxSpec.builder("empty").build();

        SandboxException error = assertThrows(SandboxException.class, () -> provider.create(spec));

        assertEquals(Reason.InvalidSpec, error.reason());
    }

    @Test
    void artifactLocationRunsWhenCommandIsEmpty() throws Exception {
        SandboxSpec spec = SandboxSpec.builder("artifact")
                .artifact(SandboxArtifact.executable("/bin/echo"))
                .args("from", "artifact")
                .build();
        createAndStart(spec);
        awaitExit("artifact");

        assertEquals("from artifact\n", readLogs("artifact", LogOptions.all()));
    }

    @Test
    void prepareVerifiesArtifactDigest() throws Exception {
        Path program = stateDir.resolve("program.sh");
        Files.writeString(program, "#!/bin/sh\necho hi\n");
        String goodDigest = "sha256:" + sha256Hex(Files.readAllBytes(program));
        String badDigest = "sha256:" + "0".repeat(64);

        provider.prepare(specWithDigest(program, goodDigest));
        SandboxException mismatch = assertThrows(SandboxException.class,
                () -> provider.prepare(specWithDigest(program, badDigest)));
        SandboxException malformed = assertThrows(SandboxException.class,
                () -> provider.prepare(specWithDigest(program, "md5:abc")));

        assertEquals(Reason.ArtifactFetchFailed, mismatch.reason());
        assertTrue(mismatch.getMessage().contains(goodDigest), mismatch.getMessage());
        assertEquals(Reason.ArtifactFetchFailed, malformed.reason());
    }

    @Test
    void workloadGetsMinimalEnvironment() throws Exception {
        SandboxSpec spec = SandboxSpec.builder("env")
                .command("/usr/bin/env")
                .env(Map.of("GREETING", "hello world"))
                .build();
        createAndStart(spec);
        awaitExit("env");

        String output = readLogs("env", LogOptions.all());
        Set<String> names = new TreeSet<>();
        for (String line : output.split("\n")) {
            names.add(line.substring(0, line.indexOf('=')));
        }

        assertTrue(output.contains("GREETING=hello world\n"), output);
        assertTrue(Set.of("PATH", "HOME", "LANG", "GREETING", "PWD").containsAll(names), "unexpected: " + names);
    }

    @Test
    void removeKillsRunningSandbox() throws Exception {
        SandboxStatus running = createAndStart(shell("doomed", "sleep 300 & wait"));
        await("workload runs").atMost(EXIT_TIMEOUT)
                .untilAsserted(() -> assertEquals(3, groupPids(running.pid()).size()));

        provider.remove("doomed");

        assertEquals(List.of(), groupPids(running.pid()));
        assertTrue(provider.status("doomed").isEmpty());
    }

    @Test
    void operationsOnUnknownSandboxFailClearly() {
        SandboxException start = assertThrows(SandboxException.class, () -> provider.start("ghost"));
        SandboxException stop = assertThrows(SandboxException.class,
                () -> provider.stop("ghost", Duration.ofSeconds(1)));
        SandboxException badId = assertThrows(SandboxException.class, () -> provider.status("../escape"));

        assertEquals(Reason.StartFailed, start.reason());
        assertTrue(start.getMessage().contains("ghost"), start.getMessage());
        assertEquals(Reason.StopFailed, stop.reason());
        assertEquals(Reason.InvalidSpec, badId.reason());
    }

    @Test
    void capabilitiesDescribeHealthyHostProvider() {
        ProviderCapabilities capabilities = provider.capabilities();

        assertTrue(capabilities.healthy(), capabilities.reason());
        assertEquals("process", capabilities.name());
        assertEquals("host " + System.getProperty("os.version"), capabilities.version());
        assertEquals(Set.of(SandboxClass.PROCESS), capabilities.classes());
        assertEquals(Set.of(ArtifactType.EXECUTABLE), capabilities.artifactTypes());
        assertEquals(Set.of(IsolationLevel.SHARED_HOST), capabilities.isolationLevels());
        assertEquals(Set.of(NetworkMode.HOST), capabilities.networkModes());
        assertNull(capabilities.capacity());
    }

    private SandboxStatus createAndStart(SandboxSpec spec) throws SandboxException {
        provider.create(spec);
        SandboxStatus status = provider.start(spec.sandboxId());
        if (status.pid() != null) {
            startedPgids.add(status.pid());
        }
        return status;
    }

    private SandboxStatus awaitExit(String sandboxId) throws SandboxException {
        await("sandbox " + sandboxId + " exits").atMost(EXIT_TIMEOUT).untilAsserted(() ->
                assertEquals(SandboxState.EXITED, provider.status(sandboxId).orElseThrow().state()));
        return provider.status(sandboxId).orElseThrow();
    }

    private String readLogs(String sandboxId, LogOptions options) throws Exception {
        try (InputStream in = provider.logs(sandboxId, options)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void copyInto(InputStream in, StringBuffer target) {
        byte[] buffer = new byte[256];
        try {
            int count;
            while ((count = in.read(buffer)) >= 0) {
                target.append(new String(Arrays.copyOf(buffer, count), StandardCharsets.UTF_8));
            }
        } catch (java.io.IOException e) {
            target.append("<read failed: ").append(e.getMessage()).append('>');
        }
    }

    private static SandboxSpec specWithDigest(Path program, String digest) {
        return SandboxSpec.builder("digest")
                .artifact(new SandboxArtifact(ArtifactType.EXECUTABLE, program.toString(), digest))
                .build();
    }

    private static String sha256Hex(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
