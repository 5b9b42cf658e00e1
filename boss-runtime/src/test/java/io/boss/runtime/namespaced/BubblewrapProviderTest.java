package io.boss.runtime.namespaced;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.boss.api.model.IsolationLevel;
import io.boss.api.model.NetworkMode;
import io.boss.runtime.LogOptions;
import io.boss.runtime.ProviderCapabilities;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BubblewrapProviderTest {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path stateDir;

    private BubblewrapProvider provider;
    private final List<Long> startedPgids = new ArrayList<>();

    @BeforeEach
    void requireWorkingBwrap() {
        provider = new BubblewrapProvider(stateDir);
        ProviderCapabilities capabilities = provider.capabilities();
        assumeTrue(capabilities.healthy(), "skipping: the namespaced provider is unhealthy here: "
                + capabilities.reason());
    }

    @AfterEach
    void removeEverything() throws Exception {
        try {
            for (SandboxStatus status : provider.list()) {
                provider.remove(status.sandboxId());
            }
        } finally {
            for (long pgid : startedPgids) {
                for (ProcStat member : ProcStat.groupMembers(pgid, 0)) {
                    ProcessHandle.of(member.pid()).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
    }

    @Test
    void workloadGetsOwnPidAndNetwork() throws Exception {
        createAndStart(shell("ns", "readlink /proc/self/ns/pid; readlink /proc/self/ns/net"));
        awaitExit("ns");

        String[] lines = logs("ns").split("\n");

        assertEquals(2, lines.length, String.join("|", lines));
        assertNotEquals(hostNamespace("pid"), lines[0]);
        assertNotEquals(hostNamespace("net"), lines[1]);
    }

    @Test
    void hostNetworkSharesTheHostNamespace() throws Exception {
        SandboxSpec spec = SandboxSpec.builder("hostnet")
                .network(NetworkMode.HOST)
                .command("/bin/sh", "-c", "readlink /proc/self/ns/net")
                .build();
        createAndStart(spec);
        awaitExit("hostnet");

        assertEquals(hostNamespace("net") + "\n", logs("hostnet"));
    }

    @Test
    void scratchIsWritableAndUsrIsReadOnly() throws Exception {
        createAndStart(shell("files", "echo data > /scratch/out && pwd && if touch /usr/boss-probe 2>/dev/null; "
                + "then echo usr-writable; else echo usr-read-only; fi"));
        SandboxStatus exited = awaitExit("files");

        assertEquals(0, exited.exitCode(), logs("files"));
        assertEquals("/scratch\nusr-read-only\n", logs("files"));
        assertEquals("data\n", Files.readString(stateDir.resolve("namespaced/files/scratch/out")));
    }

    @Test
    void sigtermReachesWorkloadInside() throws Exception {
        SandboxStatus running = createAndStart(SandboxSpec.builder("term").command("sleep", "300").build());
        await("bwrap and the sleep run").atMost(EXIT_TIMEOUT)
                .untilAsserted(() -> assertTrue(memberCommands(running.pid()).contains("sleep"),
                        memberCommands(running.pid()).toString()));
        long startedAt = System.nanoTime();

        SandboxStatus stopped = provider.stop("term", Duration.ofSeconds(20));

        Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "stop ended on SIGTERM, took " + took);
        assertEquals(143, stopped.exitCode());
        assertEquals(List.of(), memberCommands(running.pid()));
    }

    @Test
    void sigtermIgnoringWorkloadIsKilled() throws Exception {
        SandboxStatus running = createAndStart(shell("stubborn", "trap '' TERM; sleep 300"));
        await("the sleep runs with SIGTERM ignored").atMost(EXIT_TIMEOUT)
                .untilAsserted(() -> assertTrue(memberCommands(running.pid()).contains("sleep"),
                        memberCommands(running.pid()).toString()));
        Duration grace = Duration.ofSeconds(1);

        SandboxStatus stopped = provider.stop("stubborn", grace);

        assertEquals(List.of(), memberCommands(running.pid()));
        assertEquals(137, stopped.exitCode());
    }

    @Test
    void newInstanceFindsRunningSandbox() throws Exception {
        SandboxStatus running = createAndStart(SandboxSpec.builder("survivor").command("sleep", "300").build());

        BubblewrapProvider restarted = new BubblewrapProvider(stateDir);
        SandboxStatus found = restarted.status("survivor").orElseThrow();
        SandboxStatus startedAgain = restarted.start("survivor");

        assertEquals(SandboxState.RUNNING, found.state());
        assertEquals(running.pid(), found.pid());
        assertEquals(running.pid(), startedAgain.pid());
    }

    @Test
    void resourcesBecomeCgroupsThatRemoveDeletes() throws Exception {
        SandboxSpec spec = SandboxSpec.builder("limits")
                .resources(250L, 32L << 20)
                .cpuRequest(500L)
                .command("/bin/sh", "-c", "echo started; sleep 60")
                .build();
        createAndStart(spec);
        List<Path> cgroups = provider.cgroupDirectories("limits");
        assumeTrue(!cgroups.isEmpty(), "skipping: this host lets the agent create no cgroup v1 memory or cpu cgroup");

        for (Path cgroup : cgroups) {
            await("workload joins " + cgroup).atMost(EXIT_TIMEOUT).untilAsserted(() ->
                    assertFalse(Files.readString(cgroup.resolve("cgroup.procs")).isBlank(), "no process in " + cgroup));
            if (Files.exists(cgroup.resolve("memory.limit_in_bytes"))) {
                assertEquals(Long.toString(32L << 20), Files.readString(cgroup.resolve("memory.limit_in_bytes")).strip());
            } else {
                assertEquals("25000", Files.readString(cgroup.resolve("cpu.cfs_quota_us")).strip());
                assertEquals("512", Files.readString(cgroup.resolve("cpu.shares")).strip());
            }
        }
        provider.remove("limits");

        assertTrue(provider.cgroupDirectories("limits").isEmpty(), "cgroups left after remove");
    }

    @Test
    void capabilitiesOfferNamespacedIsolation() {
        ProviderCapabilities capabilities = provider.capabilities();

        assertEquals(IsolationLevel.NAMESPACED, capabilities.strongestIsolation().orElseThrow());
        assertTrue(capabilities.version().startsWith("bubblewrap"), capabilities.version());
        assertTrue(capabilities.networkModes().contains(NetworkMode.NONE));
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

    private String logs(String sandboxId) throws Exception {
        try (InputStream in = provider.logs(sandboxId, LogOptions.all())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> memberCommands(long pgid) {
        return ProcStat.groupMembers(pgid, 0).stream().map(ProcStat::command).toList();
    }

    private static String hostNamespace(String kind) throws Exception {
        return Files.readSymbolicLink(Path.of("/proc/self/ns/" + kind)).toString();
    }

    private static SandboxSpec shell(String sandboxId, String script) {
        return SandboxSpec.builder(sandboxId).command("/bin/sh", "-c", script).build();
    }
}
