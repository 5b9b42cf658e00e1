package io.boss.chaos.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostProcessesTest {

    @TempDir
    Path agentsDir;

    @Test
    void forkedSubshellOfSupervisorIsNotSecondSandbox() throws Exception {
        Path sandboxDir = agentsDir.resolve("node-1/state/process/pod-uid-0");
        Files.createDirectories(sandboxDir);
        // The subshell in parentheses is forked without exec, so it keeps the supervisor's command
        // line, like the provider's supervisor between fork and exec of the workload.
        Process supervisor = new ProcessBuilder("setsid", "/bin/sh", "-c", "( while :; do sleep 1; done ) & wait",
                "boss-supervisor", sandboxDir.toString()).start();
        try {
            await("the supervisor and its subshell run").atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertEquals(2, countCommandLines(sandboxDir)));

            List<HostProcesses.Sandbox> sandboxes = HostProcesses.sandboxes(agentsDir);

            assertEquals(1, sandboxes.size(), sandboxes.toString());
            assertEquals("node-1", sandboxes.get(0).node());
            assertEquals("pod-uid", sandboxes.get(0).podUid());
            assertEquals(supervisor.pid(), sandboxes.get(0).pid());
        } finally {
            HostProcesses.killSandboxes(agentsDir);
            supervisor.destroyForcibly();
        }
        await("the sandbox's process group is gone").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(0, countCommandLines(sandboxDir)));
    }

    private static long countCommandLines(Path sandboxDir) throws Exception {
        try (var proc = Files.list(Path.of("/proc"))) {
            return proc.filter(entry -> entry.getFileName().toString().matches("[0-9]+"))
                    .filter(entry -> {
                        try {
                            return new String(Files.readAllBytes(entry.resolve("cmdline"))).contains(sandboxDir.toString());
                        } catch (Exception e) {
                            return false;
                        }
                    })
                    .count();
        }
    }
}
