package io.boss.chaos.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the sandbox processes the harness's agents started, by reading {@code /proc/<pid>/cmdline}.
 *
 * <p>The process provider runs each sandbox under a supervisor shell whose command line is
 * {@code /bin/sh -c <script> boss-supervisor <sandbox dir> <workload argv>}, where the sandbox
 * directory ends in the sandbox id {@code <pod uid>-<run>}. The directory lies under the agent's
 * state directory, so the harness's work directory in the path is a marker unique to this run and
 * the sandbox id a marker unique to each pod run.
 *
 * <p>Only a process that leads its process group counts: the supervisor does (it runs under
 * setsid), while a child it has forked but not yet exec'd has the same command line and must
 * not count as a second start.
 */
public final class HostProcesses {

    private static final Logger LOG = LoggerFactory.getLogger(HostProcesses.class);
    private static final String SUPERVISOR_NAME = "boss-supervisor";

    /** One live supervisor: its pid (also the sandbox's process group), node and sandbox id. */
    public record Sandbox(long pid, String node, String sandboxId) {

        /** Returns the pod uid part of the sandbox id. */
        public String podUid() {
            int dash = sandboxId.lastIndexOf('-');
            return dash > 0 ? sandboxId.substring(0, dash) : sandboxId;
        }
    }

    private HostProcesses() {
    }

    /** Lists the live supervisors whose sandbox directory lies under {@code agentsDir}. */
    public static List<Sandbox> sandboxes(Path agentsDir) {
        String prefix = agentsDir.toAbsolutePath().normalize() + "/";
        List<Sandbox> found = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path entry : proc) {
                List<String> argv = commandLine(entry);
                int marker = argv.indexOf(SUPERVISOR_NAME);
                if (marker < 0 || marker + 1 >= argv.size() || !argv.get(marker + 1).startsWith(prefix)) {
                    continue;
                }
                long pid = Long.parseLong(entry.getFileName().toString());
                if (processGroupOf(entry) != pid) {
                    continue;
                }
                Path sandboxDir = Path.of(argv.get(marker + 1));
                String node = Path.of(prefix).relativize(sandboxDir).getName(0).toString();
                found.add(new Sandbox(pid, node,
                        sandboxDir.getFileName().toString()));
            }
        } catch (IOException e) {
            LOG.warn("listing /proc failed: {}", e.toString());
        }
        return found;
    }

    /** Sends SIGKILL to the process group of every supervisor under {@code agentsDir}; returns how many. */
    public static int killSandboxes(Path agentsDir) {
        int killed = 0;
        for (Sandbox sandbox : sandboxes(agentsDir)) {
            try {
                Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + sandbox.pid())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                kill.waitFor(5, TimeUnit.SECONDS);
                killed++;
            } catch (IOException e) {
                LOG.warn("killing sandbox {} pid={} failed: {}", sandbox.sandboxId(), sandbox.pid(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return killed;
    }

    /** Returns the process group id from {@code /proc/<pid>/stat}, or -1 when the process is gone. */
    private static long processGroupOf(Path procEntry) {
        try {
            String stat = Files.readString(procEntry.resolve("stat"));
            // The fields after the command name, which is in parentheses and may contain spaces:
            // state, ppid, pgrp, ...
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[2]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static List<String> commandLine(Path procEntry) {
        try {
            byte[] raw = Files.readAllBytes(procEntry.resolve("cmdline"));
            if (raw.length == 0) {
                return List.of();
            }
            return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
            // The process ended while the directory was read.
            return List.of();
        }
    }
}
