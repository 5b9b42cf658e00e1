package io.boss.runtime.namespaced;

import io.boss.api.model.ArtifactType;
import io.boss.api.model.IsolationLevel;
import io.boss.api.model.NetworkMode;
import io.boss.api.model.Reason;
import io.boss.api.model.SandboxClass;
import io.boss.runtime.ProviderCapabilities;
import io.boss.runtime.SandboxException;
import io.boss.runtime.SandboxSpec;
import io.boss.runtime.host.Executables;
import io.boss.runtime.host.HostProcessProvider;
import io.boss.runtime.host.SandboxFiles;
import io.boss.runtime.host.Supervisor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The {@code namespaced} provider: runs a pod's command as a host process inside new pid, ipc,
 * uts and (unless the spec requests the host network) network namespaces made by bubblewrap
 * ({@code bwrap}), with a read-only {@code /usr}, private {@code /proc}, {@code /dev} and
 * {@code /tmp}, and a writable per-sandbox directory at {@code /scratch}, the working directory.
 * The artifact file, when the spec names one, is bound read-only at its host path. Other host
 * paths, including {@code /etc} and {@code /home}, are not visible inside.
 *
 * <p>Supervision, state and recovery are those of {@link HostProcessProvider}. bwrap runs
 * without {@code --die-with-parent}: that option kills the sandbox when its parent ends, which
 * here is the supervisor, and it exists to tie a sandbox to its launcher; sandboxes must instead
 * outlive an agent restart. A stop sends SIGTERM to every process of the group except the two
 * bwrap processes, because the outer one would die of it at once and report 143 while the
 * workload still runs. bwrap then exits with the workload's status, 128 plus the signal number
 * for a signal.
 *
 * <p>A memory request becomes a cgroup v1 memory limit and a CPU request a CFS quota, where the
 * host lets the agent create cgroups (see {@link CgroupLimits}); elsewhere they are not enforced.
 *
 * <p>The self-check runs {@code bwrap ... true} with the same namespaces, so it is unhealthy both
 * when bwrap is missing and when the kernel refuses to create the namespaces.
 */
public final class BubblewrapProvider extends HostProcessProvider {

    /** The provider's name on a node. */
    public static final String NAME = "namespaced";

    /** How long a self-check result is reused by default. */
    public static final Duration DEFAULT_CAPABILITIES_REFRESH = Duration.ofSeconds(10);

    private static final Duration SELF_CHECK_TIMEOUT = Duration.ofSeconds(5);
    private static final String NOT_INSTALLED = "bwrap not installed (apt-get install bubblewrap)";

    private final String searchPath;
    private final CgroupLimits limits = CgroupLimits.detect();

    public BubblewrapProvider(Path stateDir) {
        this(stateDir, DEFAULT_CAPABILITIES_REFRESH, System.getenv("PATH"));
    }

    /**
     * @param searchPath the directories searched for {@code bwrap}, in {@code PATH} syntax
     */
    public BubblewrapProvider(Path stateDir, Duration capabilitiesRefresh, String searchPath) {
        super(stateDir, NAME, capabilitiesRefresh, Clock.systemUTC());
        this.searchPath = searchPath;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected ProviderCapabilities selfCheck() {
        ProviderCapabilities capabilities = new ProviderCapabilities(NAME, true, null, "unknown",
                Set.of(SandboxClass.PROCESS),
                Set.of(ArtifactType.EXECUTABLE),
                Set.of(IsolationLevel.SHARED_HOST, IsolationLevel.NAMESPACED),
                Set.of(NetworkMode.NONE, NetworkMode.HOST),
                null);
        List<String> missing = Supervisor.missingTools();
        if (!missing.isEmpty()) {
            return capabilities.unhealthy("required host programs are missing: " + String.join(", ", missing));
        }
        Optional<Path> bwrap = findBwrap();
        if (bwrap.isEmpty()) {
            return capabilities.unhealthy(NOT_INSTALLED);
        }

        List<String> versionCommand = List.of(bwrap.get().toString(), "--version");
        CommandResult version = runCommand(versionCommand);
        if (version.exitCode != 0) {
            return capabilities.unhealthy("bwrap --version failed: " + version.output);
        }
        List<String> probe = new ArrayList<>(List.of(bwrap.get().toString()));
        probe.addAll(isolationArguments(false));
        probe.addAll(List.of("--", "/bin/true"));
        CommandResult probeResult = runCommand(probe);
        if (probeResult.exitCode != 0) {
            return capabilities.unhealthy("bwrap cannot create namespaces on this host: " + probeResult.output);
        }
        return new ProviderCapabilities(NAME, true, null, version.output, capabilities.classes(),
                capabilities.artifactTypes(), capabilities.isolationLevels(), capabilities.networkModes(), null);
    }

    @Override
    protected List<String> wrapWorkload(SandboxSpec spec, SandboxFiles files, List<String> workload)
            throws SandboxException {
        Path bwrap = findBwrap().orElseThrow(() -> new SandboxException(Reason.ProviderUnavailable, NOT_INSTALLED));
        Path scratch = files.dir().resolve("scratch");
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new SandboxException(Reason.StartFailed, "cannot create the scratch directory " + scratch
                    + " of sandbox " + spec.sandboxId() + ": " + e.getMessage(), e);
        }

        // A shell joins the sandbox's cgroups, then execs bwrap, so every process inside inherits them.
        List<String> argv = new ArrayList<>();
        List<Path> cgroupProcs = limits.apply(spec);
        if (!cgroupProcs.isEmpty()) {
            StringBuilder join = new StringBuilder();
            for (Path procs : cgroupProcs) {
                join.append("echo $$ > '").append(procs).append("' && ");
            }
            argv.addAll(List.of("/bin/sh", "-c", join + "exec \"$@\"", "boss-cgroup-join"));
        }
        argv.add(bwrap.toString());
        argv.addAll(isolationArguments(spec.network() == NetworkMode.HOST));
        argv.addAll(List.of("--bind", scratch.toAbsolutePath().toString(), "/scratch", "--chdir", "/scratch"));
        if (spec.artifact() != null && spec.artifact().location() != null
                && Path.of(spec.artifact().location()).isAbsolute()) {
            argv.addAll(List.of("--ro-bind", spec.artifact().location(), spec.artifact().location()));
        }
        argv.add("--");
        argv.addAll(workload);
        return argv;
    }

    /** Kills and deletes the sandbox as {@link HostProcessProvider#remove} does, then deletes its cgroups. */
    @Override
    public void remove(String sandboxId) throws SandboxException {
        super.remove(sandboxId);
        limits.remove(sandboxId);
    }

    /** Returns the sandbox's cgroup directories that exist; for tests. */
    List<Path> cgroupDirectories(String sandboxId) {
        return limits.directories(sandboxId);
    }

    @Override
    protected Set<String> commandsSparedFromSigterm() {
        return Set.of("bwrap");
    }

    /** Returns the namespace and mount options shared by sandboxes and the self-check probe. */
    private static List<String> isolationArguments(boolean hostNetwork) {
        List<String> arguments = new ArrayList<>(List.of("--unshare-pid", "--unshare-ipc", "--unshare-uts"));
        if (!hostNetwork) {
            arguments.add("--unshare-net");
        }
        arguments.addAll(List.of(
                "--ro-bind", "/usr", "/usr",
                "--symlink", "usr/bin", "/bin",
                "--symlink", "usr/sbin", "/sbin",
                "--symlink", "usr/lib", "/lib",
                "--symlink", "usr/lib64", "/lib64",
                "--proc", "/proc",
                "--dev", "/dev",
                "--tmpfs", "/tmp"));
        return arguments;
    }

    private Optional<Path> findBwrap() {
        return Executables.resolve("bwrap", searchPath, Path.of("/"));
    }

    private record CommandResult(int exitCode, String output) {
    }

    /** Runs a short self-check command; a timeout or launch failure counts as exit code -1. */
    private static CommandResult runCommand(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(SELF_CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new CommandResult(-1, String.join(" ", command) + " timed out after "
                        + SELF_CHECK_TIMEOUT.toSeconds() + " s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return new CommandResult(process.exitValue(), output);
        } catch (IOException e) {
            return new CommandResult(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CommandResult(-1, "interrupted");
        }
    }
}
