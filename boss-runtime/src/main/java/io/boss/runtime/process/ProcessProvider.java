package io.boss.runtime.process;

import io.boss.api.model.ArtifactType;
import io.boss.api.model.IsolationLevel;
import io.boss.api.model.NetworkMode;
import io.boss.api.model.SandboxClass;
import io.boss.runtime.ProviderCapabilities;
import io.boss.runtime.SandboxSpec;
import io.boss.runtime.host.HostProcessProvider;
import io.boss.runtime.host.SandboxFiles;
import io.boss.runtime.host.Supervisor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The {@code process} provider: runs a pod's command as a plain host process with the agent's
 * user, file system and network ({@code sharedHost} isolation, {@code host} network).
 *
 * <p>Each sandbox runs in its own session and process group under a supervisor shell that
 * records the exit code, so sandboxes outlive an agent restart and a new agent finds them again
 * from {@code <stateDir>/process/}. Combined stdout and stderr go to
 * {@code <stateDir>/process/<sandboxId>/output.log}. A stop signals the whole process group, so
 * descendants of the workload end too. Exit codes: the workload's own code; 128 plus the signal
 * number when a signal ended it (143 for SIGTERM); 137 after the provider's SIGKILL, which also
 * ends the supervisor.
 *
 * <p>The self-check is healthy when {@code /usr/bin/setsid}, {@code /bin/sh} and
 * {@code /bin/kill} exist. Thread-safe; see {@link HostProcessProvider}.
 */
public final class ProcessProvider extends HostProcessProvider {

    /** The provider's name on a node. */
    public static final String NAME = "process";

    /** How long a self-check result is reused by default. */
    public static final Duration DEFAULT_CAPABILITIES_REFRESH = Duration.ofSeconds(10);

    public ProcessProvider(Path stateDir) {
        this(stateDir, DEFAULT_CAPABILITIES_REFRESH);
    }

    public ProcessProvider(Path stateDir, Duration capabilitiesRefresh) {
        super(stateDir, NAME, capabilitiesRefresh, Clock.systemUTC());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected ProviderCapabilities selfCheck() {
        ProviderCapabilities capabilities = new ProviderCapabilities(NAME, true, null,
                "host " + System.getProperty("os.version"),
                Set.of(SandboxClass.PROCESS),
                Set.of(ArtifactType.EXECUTABLE),
                Set.of(IsolationLevel.SHARED_HOST),
                Set.of(NetworkMode.HOST),
                null);
        List<String> missing = Supervisor.missingTools();
        if (!missing.isEmpty()) {
            return capabilities.unhealthy("required host programs are missing: " + String.join(", ", missing));
        }
        return capabilities;
    }

    @Override
    protected List<String> wrapWorkload(SandboxSpec spec, SandboxFiles files, List<String> workload) {
        return workload;
    }
}
