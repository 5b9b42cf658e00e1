package io.boss.chaos.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JVM the harness starts (a server replica or a node agent), with its output appended to a log
 * file. Signals go only to the pid of the process this object started.
 */
public final class ManagedProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedProcess.class);

    private final String name;
    private final List<String> command;
    private final Path logFile;
    private volatile Process process;
    private volatile boolean paused;

    public ManagedProcess(String name, List<String> command, Path logFile) {
        this.name = name;
        this.command = List.copyOf(command);
        this.logFile = logFile;
    }

    public String name() {
        return name;
    }

    /** Starts the process; fails when it is already running. */
    public synchronized void start() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running as pid " + process.pid());
        }
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        paused = false;
        LOG.info("started {} pid={} log={}", name, process.pid(), logFile);
    }

    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    public boolean isPaused() {
        return paused;
    }

    public long pid() {
        Process current = process;
        return current == null ? -1 : current.pid();
    }

    /** Sends SIGKILL and waits for the process to end. */
    public synchronized void kill() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        current.destroyForcibly();
        waitFor(current, 10);
        paused = false;
        LOG.info("killed {} pid={} with SIGKILL", name, current.pid());
    }

    /** Sends SIGTERM, then SIGKILL when the process has not ended within {@code graceSeconds}. */
    public synchronized void stop(int graceSeconds) {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        if (paused) {
            resume();
        }
        current.destroy();
        if (!waitFor(current, graceSeconds)) {
            current.destroyForcibly();
            waitFor(current, 10);
        }
        LOG.info("stopped {} pid={}", name, current.pid());
    }

    /** Sends SIGSTOP: the process keeps its sockets but stops answering, like a long GC pause. */
    public synchronized void pause() {
        if (signal("STOP")) {
            paused = true;
        }
    }

    /** Sends SIGCONT to a process paused by {@link #pause()}. */
    public synchronized void resume() {
        if (signal("CONT")) {
            paused = false;
        }
    }

    private boolean signal(String signal) {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return false;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(current.pid()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            boolean sent = kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
            LOG.info("sent SIG{} to {} pid={}: {}", signal, name, current.pid(), sent ? "done" : "failed");
            return sent;
        } catch (IOException e) {
            LOG.warn("sending SIG{} to {} pid={} failed: {}", signal, name, current.pid(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean waitFor(Process process, int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
