package io.boss.runtime.process;

import static io.boss.runtime.process.ProcessFixture.groupPids;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.boss.runtime.SandboxSpec;
import io.boss.runtime.SandboxState;
import io.boss.runtime.SandboxStatus;
import io.boss.runtime.host.SandboxFiles;
import io.boss.runtime.host.SandboxRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessRecoveryTest {

    @TempDir
    Path stateDir;

    private final List<Long> startedPgids = new ArrayList<>();

    @AfterEach
    void removeEverything() throws Exception {
        ProcessFixture.removeAll(new ProcessProvider(stateDir), startedPgids);
    }

    @Test
    void unrecordedLaunchIsAdoptedNotRepeated() throws Exception {
        long pid = launchWithoutRecord("crashed");

        ProcessProvider restarted = new ProcessProvider(stateDir);
        SandboxStatus adopted = restarted.start("crashed");

        assertEquals(SandboxState.RUNNING, adopted.state());
        assertEquals(pid, adopted.pid());
        assertEquals(2, groupPids(pid).size(), "no second workload was launched");
    }

    @Test
    void unrecordedLaunchCanBeStopped() throws Exception {
        long pid = launchWithoutRecord("crashed");

        ProcessProvider restarted = new ProcessProvider(stateDir);
        SandboxStatus stopped = restarted.stop("crashed", Duration.ofSeconds(5));

        assertEquals(SandboxState.EXITED, stopped.state());
        assertEquals(143, stopped.exitCode());
        assertEquals(List.of(), groupPids(pid));
    }

    /**
     * Starts a sandbox, then rewrites its record as an agent leaves it when it stops between the
     * launch and the record write. Returns the supervisor's pid.
     */
    private long launchWithoutRecord(String sandboxId) throws Exception {
        ProcessProvider first = new ProcessProvider(stateDir);
        SandboxSpec spec = SandboxSpec.builder(sandboxId).command("sleep", "300").build();
        first.create(spec);
        SandboxStatus running = first.start(sandboxId);
        startedPgids.add(running.pid());
        SandboxFiles files = new SandboxFiles(stateDir.resolve("process").resolve(sandboxId));
        await("supervisor wrote its pid file and the workload runs").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> {
                    assertEquals(running.pid(), SandboxFiles.readNumber(files.pidFile()).orElse(null));
                    assertEquals(2, groupPids(running.pid()).size());
                });
        files.writeRecord(SandboxRecord.created(spec, Instant.now()));
        return running.pid();
    }
}
