package io.boss.runtime.host;

import io.boss.api.model.Reason;
import io.boss.runtime.CachedCapabilities;
import io.boss.runtime.CompatibilityProblem;
import io.boss.runtime.LogOptions;
import io.boss.runtime.ProviderCapabilities;
import io.boss.runtime.SandboxException;
import io.boss.runtime.SandboxProvider;
import io.boss.runtime.SandboxSpec;
import io.boss.runtime.SandboxState;
import io.boss.runtime.SandboxStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared machinery of providers whose sandboxes are host processes: a {@link Supervisor}
 * per sandbox, and a record per sandbox under {@code <stateDir>/<provider name>/<sandboxId>/}.
 * Subclasses give the name, the self-check and how the workload's argv is wrapped, for example
 * in bwrap.
 *
 * <p>Recovery: a new instance over the same state directory derives every status from the files
 * alone. A running sandbox is found by the supervisor's pid plus its start time from
 * {@code /proc}, so a reused pid is not mistaken for it; an exited one by its {@code exit} file.
 * Every record write but the one of {@link #create} is fsynced, so after a host crash a sandbox
 * that was created and never started may be missing, while one that was started is found.
 *
 * <p>Threading: thread-safe; operations on one sandbox id hold that id's lock, so two concurrent
 * starts launch once. {@link #stop} holds the lock for up to the grace period plus
 * {@link #KILL_TIMEOUT}.
 */
public abstract class HostProcessProvider implements SandboxProvider {

    /** How long a stop or remove waits for the process group to end after SIGKILL. */
    public static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);

    /** Environment variables a workload inherits from the agent; the spec's env is set on top. */
    private static final List<String> INHERITED_ENV = List.of("PATH", "HOME", "LANG");

    private static final Logger LOG = LoggerFactory.getLogger(HostProcessProvider.class);

    private final Path baseDir;
    private final Clock clock;
    private final CachedCapabilities capabilities;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Set<String> reportedExits = ConcurrentHashMap.newKeySet();

    /**
     * @param stateDir the agent's state directory; this provider keeps its files in a
     *     subdirectory named after it
     * @param providerName the provider's name, also the subdirectory name
     * @param capabilitiesRefresh how long a self-check result is reused
     */
    protected HostProcessProvider(Path stateDir, String providerName, Duration capabilitiesRefresh, Clock clock) {
        this.baseDir = stateDir.resolve(providerName);
        this.clock = clock;
        this.capabilities = new CachedCapabilities(this::selfCheck, capabilitiesRefresh);
    }

    /** Runs the provider's self-check. {@link #capabilities} reuses its result for the refresh interval. */
    protected abstract ProviderCapabilities selfCheck();

    /**
     * Returns the argv the supervisor runs for a workload argv, such as the argv itself or a
     * bwrap command line around it.
     */
    protected abstract List<String> wrapWorkload(SandboxSpec spec, SandboxFiles files, List<String> workload)
            throws SandboxException;

    /**
     * Returns the command names of processes that a stop must not send SIGTERM to. A wrapper
     * such as bwrap would die of it before the workload inside has ended. The default is empty,
     * so the whole group is signalled at once.
     */
    protected Set<String> commandsSparedFromSigterm() {
        return Set.of();
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities.get();
    }

    /** Verifies an executable artifact's sha256 digest when the spec gives one; nothing to fetch. */
    @Override
    public void prepare(SandboxSpec spec) throws SandboxException {
        ArtifactDigests.verify(spec);
    }

    @Override
    public SandboxStatus create(SandboxSpec spec) throws SandboxException {
        synchronized (lockFor(spec.sandboxId())) {
            SandboxFiles files = filesFor(spec.sandboxId());
            Optional<SandboxRecord> existing = readRecord(files, Reason.CreateFailed);
            if (existing.isPresent()) {
                if (!existing.get().spec().equals(spec)) {
                    throw new SandboxException(Reason.CreateFailed, "sandbox " + spec.sandboxId()
                            + " already exists with a different spec; remove it first or use a new sandbox id");
                }
                return observe(existing.get(), files);
            }

            Optional<CompatibilityProblem> problem = CompatibilityProblem.find(spec, capabilities());
            if (problem.isPresent()) {
                throw new SandboxException(problem.get().reason(), problem.get().message());
            }
            resolveWorkload(spec, files, Reason.CreateFailed);

            SandboxRecord created = SandboxRecord.created(spec, clock.instant());
            try {
                Files.createDirectories(files.work());
                // No fsync: nothing runs yet, and the agent creates a sandbox again from its pod if
                // a host crash loses this record. The record written by start is fsynced.
                files.writeRecord(created, false);
            } catch (IOException e) {
                throw new SandboxException(Reason.CreateFailed, "cannot write the state of sandbox "
                        + spec.sandboxId() + " under " + files.dir() + ": " + e.getMessage(), e);
            }
            LOG.info("Created sandbox provider={} sandbox={} pod={}/{}", name(), spec.sandboxId(),
                    spec.podNamespace(), spec.podName());
            return observe(created, files);
        }
    }

    @Override
    public SandboxStatus start(String sandboxId) throws SandboxException {
        synchronized (lockFor(sandboxId)) {
            SandboxFiles files = filesFor(sandboxId);
            SandboxRecord record = requireRecord(files, sandboxId, Reason.StartFailed);
            if (record.pid() != null || record.stoppedBeforeStartAt() != null) {
                return observe(record, files);
            }

            List<String> workload = resolveWorkload(record.spec(), files, Reason.StartFailed);
            List<String> argv = wrapWorkload(record.spec(), files, workload);
            long pid;
            try {
                pid = Supervisor.launch(files, argv, environmentFor(record.spec()));
            } catch (IOException e) {
                throw new SandboxException(Reason.StartFailed, "cannot launch " + argv.get(0)
                        + " for sandbox " + sandboxId + ": " + e.getMessage(), e);
            }
            long startTicks = ProcStat.read(pid).map(ProcStat::startTicks).orElse(-1L);
            awaitSupervisorReady(files, sandboxId, pid);
            SandboxRecord started = record.withStarted(clock.instant(), pid, startTicks);
            writeRecord(files, started, Reason.StartFailed);

            LOG.info("Started sandbox provider={} sandbox={} pid={} command={}", name(), sandboxId, pid, workload);
            return observe(started, files);
        }
    }

    @Override
    public SandboxStatus stop(String sandboxId, Duration grace) throws SandboxException {
        synchronized (lockFor(sandboxId)) {
            SandboxFiles files = filesFor(sandboxId);
            SandboxRecord record = requireRecord(files, sandboxId, Reason.StopFailed);
            SandboxStatus status = observe(record, files);
            if (status.state() == SandboxState.CREATED) {
                SandboxRecord stopped = record.withStoppedBeforeStart(clock.instant());
                writeRecord(files, stopped, Reason.StopFailed);
                return observe(stopped, files);
            }
            if (record.pid() == null) {
                return status;
            }

            long pgid = record.pid();
            try {
                Set<String> spared = commandsSparedFromSigterm();
                if (spared.isEmpty()) {
                    Supervisor.signalGroup(pgid, record.startTicks(), "TERM");
                } else {
                    Supervisor.signalMembersExcept(pgid, record.startTicks(), "TERM", spared);
                }
                if (!Supervisor.awaitGroupGone(pgid, record.startTicks(), grace)) {
                    record = record.withKilled(clock.instant());
                    writeRecord(files, record, Reason.StopFailed);
                    LOG.info("Sandbox did not end within the grace period, sending SIGKILL provider={} sandbox={} "
                            + "pgid={} grace={}", name(), sandboxId, pgid, grace);
                    killGroup(record, sandboxId);
                }
            } catch (IOException e) {
                throw new SandboxException(Reason.StopFailed, "cannot signal process group " + pgid
                        + " of sandbox " + sandboxId + ": " + e.getMessage(), e);
            }
            SandboxStatus stopped = observe(record, files);
            LOG.info("Stopped sandbox provider={} sandbox={} exitCode={}", name(), sandboxId, stopped.exitCode());
            return stopped;
        }
    }

    /** Kills a running sandbox without a grace period, as a forced delete does, then deletes its files. */
    @Override
    public void remove(String sandboxId) throws SandboxException {
        synchronized (lockFor(sandboxId)) {
            SandboxFiles files = filesFor(sandboxId);
            Optional<SandboxRecord> record = readRecord(files, Reason.StopFailed);
            if (record.isEmpty() && !Files.exists(files.dir())) {
                return;
            }
            if (record.isPresent() && record.get().pid() != null) {
                killGroup(record.get(), sandboxId);
            }
            try {
                files.deleteAll();
            } catch (IOException e) {
                throw new SandboxException(Reason.StopFailed, "cannot delete the files of sandbox " + sandboxId
                        + " under " + files.dir() + ": " + e.getMessage(), e);
            }
            reportedExits.remove(sandboxId);
            LOG.info("Removed sandbox provider={} sandbox={}", name(), sandboxId);
        }
    }

    @Override
    public Optional<SandboxStatus> status(String sandboxId) throws SandboxException {
        synchronized (lockFor(sandboxId)) {
            SandboxFiles files = filesFor(sandboxId);
            Optional<SandboxRecord> record = readRecord(files, Reason.StatusUnknown);
            if (record.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(observe(record.get(), files));
        }
    }

    @Override
    public InputStream logs(String sandboxId, LogOptions options) throws SandboxException {
        SandboxFiles files = filesFor(sandboxId);
        requireRecord(files, sandboxId, Reason.StatusUnknown);
        try {
            return LogFile.open(files.output(), options.tailLines(), options.follow(),
                    () -> hasFinished(sandboxId));
        } catch (IOException e) {
            throw new SandboxException(Reason.StatusUnknown, "cannot open the output of sandbox " + sandboxId
                    + " at " + files.output() + ": " + e.getMessage(), e);
        }
    }

    /** Lists every sandbox with a readable record; an unreadable one is logged and skipped. */
    @Override
    public List<SandboxStatus> list() throws SandboxException {
        return list("");
    }

    /**
     * Lists the sandboxes whose id starts with the prefix, reading only their records, so the
     * cost grows with the number of matches and not with the number of sandboxes.
     */
    @Override
    public List<SandboxStatus> list(String sandboxIdPrefix) throws SandboxException {
        List<String> ids = new ArrayList<>();
        if (Files.isDirectory(baseDir)) {
            DirectoryStream.Filter<Path> matches = entry -> entry.getFileName().toString().startsWith(sandboxIdPrefix)
                    && Files.isDirectory(entry);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(baseDir, matches)) {
                entries.forEach(entry -> ids.add(entry.getFileName().toString()));
            } catch (IOException e) {
                throw new SandboxException(Reason.StatusUnknown, "cannot list " + baseDir + ": " + e.getMessage(), e);
            }
        }
        ids.sort(null);

        List<SandboxStatus> statuses = new ArrayList<>();
        for (String id : ids) {
            try {
                status(id).ifPresent(statuses::add);
            } catch (SandboxException e) {
                LOG.warn("Skipping unreadable sandbox provider={} sandbox={}: {}", name(), id, e.getMessage());
            }
        }
        return statuses;
    }

    /** Derives the status from the record, the supervisor's files and {@code /proc}. */
    private SandboxStatus observe(SandboxRecord record, SandboxFiles files) throws SandboxException {
        String id = record.sandboxId();
        try {
            Optional<SandboxStatus> exited = exitedStatus(record, files);
            if (exited.isPresent()) {
                return exited.get();
            }
            if (record.pid() == null) {
                if (record.stoppedBeforeStartAt() != null) {
                    return new SandboxStatus(id, SandboxState.EXITED, null, null, record.stoppedBeforeStartAt(),
                            null, "stopped before it was started");
                }
                return new SandboxStatus(id, SandboxState.CREATED, null, null, null, null, null);
            }
            if (supervisorAlive(record)) {
                return new SandboxStatus(id, SandboxState.RUNNING, null, record.startedAt(), null, record.pid(), null);
            }
            // The supervisor writes the exit file just before it ends, so look again.
            exited = exitedStatus(record, files);
            if (exited.isPresent()) {
                return exited.get();
            }
        } catch (IOException e) {
            throw new SandboxException(Reason.StatusUnknown, "cannot read the state of sandbox " + id + ": "
                    + e.getMessage(), e);
        }

        if (record.killedAt() != null) {
            reportExit(id, 137);
            return new SandboxStatus(id, SandboxState.EXITED, 137, record.startedAt(), record.killedAt(), null,
                    "killed with SIGKILL after the stop grace period");
        }
        reportExit(id, null);
        return new SandboxStatus(id, SandboxState.EXITED, null, record.startedAt(), null, null,
                "supervisor process " + record.pid() + " ended without recording an exit code; "
                        + "it was probably killed by a signal");
    }

    private Optional<SandboxStatus> exitedStatus(SandboxRecord record, SandboxFiles files) throws IOException {
        Optional<Long> code = SandboxFiles.readNumber(files.exitFile());
        if (code.isEmpty()) {
            return Optional.empty();
        }
        int exitCode = code.get().intValue();
        Instant finishedAt = Files.getLastModifiedTime(files.exitFile()).toInstant();
        reportExit(record.sandboxId(), exitCode);
        return Optional.of(new SandboxStatus(record.sandboxId(), SandboxState.EXITED, exitCode, record.startedAt(),
                finishedAt, null, null));
    }

    /**
     * Returns whether the recorded supervisor still runs. A reused pid has a different start time.
     * Without a recorded start time, the pid must at least still lead its process group.
     */
    private boolean supervisorAlive(SandboxRecord record) {
        return ProcStat.read(record.pid())
                .filter(ProcStat::alive)
                .filter(stat -> record.startTicks() < 0
                        ? stat.pgid() == record.pid()
                        : stat.startTicks() == record.startTicks())
                .isPresent();
    }

    /**
     * Waits until the supervisor has written its pid file or ended. Before that, a stop could
     * miss the workload: the launched process may not have called setsid yet, or its shell may
     * not have set the SIGTERM trap and forked the workload.
     */
    private void awaitSupervisorReady(SandboxFiles files, String sandboxId, long pid) throws SandboxException {
        long deadline = System.nanoTime() + KILL_TIMEOUT.toNanos();
        try {
            while (SandboxFiles.readNumber(files.pidFile()).isEmpty()
                    && ProcStat.read(pid).filter(ProcStat::alive).isPresent()) {
                if (System.nanoTime() - deadline >= 0) {
                    LOG.warn("Supervisor has not written its pid file after {} s provider={} sandbox={} pid={}",
                            KILL_TIMEOUT.toSeconds(), name(), sandboxId, pid);
                    return;
                }
                Thread.sleep(1);
            }
        } catch (IOException e) {
            throw new SandboxException(Reason.StartFailed, "cannot read the pid file of sandbox " + sandboxId
                    + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException(Reason.StartFailed, "interrupted while starting sandbox " + sandboxId, e);
        }
    }


    /** Returns whether a followed log can end: the sandbox exited, was removed, or its state is unreadable. */
    private boolean hasFinished(String sandboxId) {
        try {
            return status(sandboxId).map(s -> s.state() == SandboxState.EXITED).orElse(true);
        } catch (SandboxException e) {
            LOG.warn("Ending a followed log because the sandbox state is unreadable provider={} sandbox={}: {}",
                    name(), sandboxId, e.getMessage());
            return true;
        }
    }

    /**
     * Adopts a supervisor that an earlier agent launched but did not record, because that agent
     * stopped between the launch and the record write. The supervisor's pid file proves the launch.
     */
    private Optional<SandboxRecord> adoptLaunchedSupervisor(SandboxRecord record, SandboxFiles files,
            Reason failure) throws SandboxException {
        try {
            Optional<Long> pid = SandboxFiles.readNumber(files.pidFile());
            if (pid.isEmpty()) {
                return Optional.empty();
            }
            long startTicks = ProcStat.read(pid.get()).map(ProcStat::startTicks).orElse(-1L);
            Instant launchedAt = Files.getLastModifiedTime(files.pidFile()).toInstant();
            SandboxRecord adopted = record.withStarted(launchedAt, pid.get(), startTicks);
            writeRecord(files, adopted, failure);
            LOG.info("Found an unrecorded supervisor, not starting again provider={} sandbox={} pid={}", name(),
                    record.sandboxId(), pid.get());
            return Optional.of(adopted);
        } catch (IOException e) {
            throw new SandboxException(failure, "cannot read the pid file of sandbox "
                    + record.sandboxId() + ": " + e.getMessage(), e);
        }
    }

    private void killGroup(SandboxRecord record, String sandboxId) throws SandboxException {
        long pgid = record.pid();
        try {
            Supervisor.signalGroup(pgid, record.startTicks(), "KILL");
            if (!Supervisor.awaitGroupGone(pgid, record.startTicks(), KILL_TIMEOUT)) {
                throw new SandboxException(Reason.StopFailed, "processes "
                        + ProcStat.groupMembers(pgid, record.startTicks()).stream().map(ProcStat::pid).toList()
                        + " of sandbox " + sandboxId + " are still alive " + KILL_TIMEOUT.toSeconds()
                        + " s after SIGKILL");
            }
        } catch (IOException e) {
            throw new SandboxException(Reason.StopFailed, "cannot kill process group " + pgid + " of sandbox "
                    + sandboxId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the workload's argv: the command, or the artifact's location when the command is
     * empty, followed by the args. Fails when the program is not an executable file. Providers
     * whose workload is no host program, such as a VM's guest command, override it.
     */
    protected List<String> resolveWorkload(SandboxSpec spec, SandboxFiles files, Reason failure)
            throws SandboxException {
        List<String> argv = new ArrayList<>();
        if (!spec.command().isEmpty()) {
            argv.addAll(spec.command());
        } else if (spec.artifact() != null && spec.artifact().location() != null) {
            argv.add(spec.artifact().location());
        } else {
            throw new SandboxException(Reason.InvalidSpec, "sandbox " + spec.sandboxId()
                    + " has neither a command nor an artifact location; set the container command");
        }
        argv.addAll(spec.args());

        String program = argv.get(0);
        String searchPath = environmentFor(spec).get("PATH");
        if (Executables.resolve(program, searchPath, files.work()).isEmpty()) {
            throw new SandboxException(failure, "command '" + program + "' of sandbox " + spec.sandboxId()
                    + " is not an executable file and was not found on PATH " + searchPath);
        }
        return argv;
    }

    private static Map<String, String> environmentFor(SandboxSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : INHERITED_ENV) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putAll(spec.env());
        return env;
    }

    private void reportExit(String sandboxId, Integer exitCode) {
        if (reportedExits.add(sandboxId)) {
            LOG.info("Sandbox exited provider={} sandbox={} exitCode={}", name(), sandboxId, exitCode);
        }
    }

    private SandboxRecord requireRecord(SandboxFiles files, String sandboxId, Reason failure)
            throws SandboxException {
        return readRecord(files, failure).orElseThrow(() -> new SandboxException(failure,
                "provider '" + name() + "' has no sandbox " + sandboxId + "; create it first"));
    }

    /** Reads the record, first adopting a launched but unrecorded supervisor into it. */
    private Optional<SandboxRecord> readRecord(SandboxFiles files, Reason failure) throws SandboxException {
        Optional<SandboxRecord> record;
        try {
            record = files.readRecord();
        } catch (IOException e) {
            throw new SandboxException(failure, e.getMessage(), e);
        }
        if (record.isEmpty() || record.get().pid() != null || record.get().stoppedBeforeStartAt() != null) {
            return record;
        }
        return Optional.of(adoptLaunchedSupervisor(record.get(), files, failure).orElse(record.get()));
    }

    private static void writeRecord(SandboxFiles files, SandboxRecord record, Reason failure)
            throws SandboxException {
        try {
            files.writeRecord(record);
        } catch (IOException e) {
            throw new SandboxException(failure, "cannot write the state of sandbox " + record.sandboxId()
                    + " to " + files.record() + ": " + e.getMessage(), e);
        }
    }

    private SandboxFiles filesFor(String sandboxId) throws SandboxException {
        if (!SandboxSpec.isValidSandboxId(sandboxId)) {
            throw new SandboxException(Reason.InvalidSpec, SandboxSpec.invalidSandboxIdMessage(sandboxId));
        }
        return new SandboxFiles(baseDir.resolve(sandboxId));
    }

    private Object lockFor(String sandboxId) {
        return locks.computeIfAbsent(sandboxId == null ? "" : sandboxId, id -> new Object());
    }
}
