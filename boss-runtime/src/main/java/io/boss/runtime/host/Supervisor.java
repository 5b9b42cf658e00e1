package io.boss.runtime.host;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Launches a workload under a small supervisor shell that leads its own session and process
 * group, and signals that group.
 *
 * <p>The supervisor records the workload's exit code in the sandbox's {@code exit} file itself,
 * so the code survives an agent restart even though the workload is then no child of the new
 * agent. It handles SIGTERM with a no-op trap instead of ignoring it: an ignored signal would be
 * inherited through exec by the workload, while a trapped one is reset to the default there. A
 * stop therefore sends SIGTERM to the whole group. The workload and its descendants receive it,
 * and the supervisor survives to record the code, which is 143 for a workload ended by SIGTERM.
 * SIGKILL ends the supervisor too, so then no code is recorded and the provider reports 137.
 *
 * <p>NOTE: the workload runs as an asynchronous command of a non-interactive shell, which starts
 * it with SIGINT and SIGQUIT ignored (POSIX). Stops use SIGTERM and SIGKILL only.
 */
public final class Supervisor {

    /** Positional parameters: $1 is the sandbox directory, the rest is the workload's argv. */
    static final String SCRIPT = String.join("\n",
            "dir=$1",
            "shift",
            "trap : TERM",
            "\"$@\" &",
            "child=$!",
            // The pid file shows the provider that the trap is set and the workload forked, so a
            // stop from now on reaches both. Builtin echo writes the small value in one write(2);
            // an external mv could itself be killed by a group signal arriving at that moment.
            "echo $$ > \"$dir/pid\"",
            // wait returns early, with a code above 128, when the trap runs; wait again until the
            // workload has really ended and been reaped.
            "while :; do",
            "  wait \"$child\"",
            "  code=$?",
            "  kill -0 \"$child\" 2>/dev/null || break",
            "done",
            "echo \"$code\" > \"$dir/exit\"",
            "");

    private static final String SETSID = "/usr/bin/setsid";
    private static final String SHELL = "/bin/sh";
    private static final String KILL = "/bin/kill";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private Supervisor() {
    }

    /** Returns the host programs supervision needs that are missing; empty when all exist. */
    public static List<String> missingTools() {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of(SETSID, SHELL, KILL)) {
            if (!Files.isExecutable(Path.of(tool))) {
                missing.add(tool);
            }
        }
        return missing;
    }

    /**
     * Starts the supervisor in a new session, with stdin from /dev/null and stdout and stderr
     * appended to the sandbox's output file. Returns the supervisor's pid, which is also its
     * process group and session id, because setsid execs in place when its caller is not a
     * group leader, and a forked JVM child never is.
     */
    public static long launch(SandboxFiles files, List<String> argv, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(List.of(SETSID, SHELL, "-c", SCRIPT, "boss-supervisor",
                files.dir().toAbsolutePath().toString()));
        command.addAll(argv);

        Files.createDirectories(files.work());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(files.work().toFile())
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectOutput(Redirect.appendTo(files.output().toFile()))
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start().pid();
    }

    /**
     * Sends a signal to every live process of the group that started no earlier than the leader.
     * Does nothing when none is left, so a pgid reused after the group ended is never signalled.
     */
    public static void signalGroup(long pgid, long leaderStartTicks, String signal) throws IOException {
        if (ProcStat.groupMembers(pgid, leaderStartTicks).isEmpty()) {
            return;
        }
        run(List.of(KILL, "-s", signal, "--", "-" + pgid), pgid);
    }

    private static void run(List<String> killCommand, long pgid) throws IOException {
        Process kill = new ProcessBuilder(killCommand)
                .redirectErrorStream(true)
                .redirectOutput(Redirect.DISCARD)
                .start();
        try {
            // A non-zero status only means processes ended meanwhile; callers check the group.
            kill.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling process group " + pgid, e);
        }
    }

    /**
     * Sends a signal to each live process of the group, leader included, except those whose
     * command name is in {@code sparedCommands}. Unlike {@link #signalGroup}, a process forked
     * after the group was listed is missed, so callers follow up with a group SIGKILL.
     */
    public static void signalMembersExcept(long pgid, long leaderStartTicks, String signal, Set<String> sparedCommands)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(KILL, "-s", signal, "--"));
        for (ProcStat member : ProcStat.groupMembers(pgid, leaderStartTicks)) {
            if (!sparedCommands.contains(member.command())) {
                command.add(Long.toString(member.pid()));
            }
        }
        if (command.size() > 4) {
            run(command, pgid);
        }
    }

    /** Waits until no live process of the group is left; returns false when the timeout passes first. */
    public static boolean awaitGroupGone(long pgid, long leaderStartTicks, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (ProcStat.groupMembers(pgid, leaderStartTicks).isEmpty()) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for process group " + pgid + " to end", e);
            }
        }
    }
}
