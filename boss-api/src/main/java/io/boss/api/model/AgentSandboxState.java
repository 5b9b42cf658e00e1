package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The node agent's state of a pod's current sandbox, reported in {@code status.sandboxState}. It is
 * finer than the pod phase: the agent moves a sandbox through Preparing, Created, Starting, Running,
 * Stopping and Exited, or to Failed when it could not be prepared, created or started.
 * {@link #podPhase(Integer, boolean)} gives the phase each state maps to.
 *
 * <p>It is distinct from the provider's {@code io.boss.runtime.SandboxState}, which only has the
 * states a provider can observe (created, running, exited, unknown).
 */
public enum AgentSandboxState {
    /** The provider is resolving the artifact and recording the sandbox. */
    PREPARING("Preparing"),
    /** The provider has recorded the sandbox, but its workload has not been launched. */
    CREATED("Created"),
    /** The provider is launching the workload. */
    STARTING("Starting"),
    /** The workload runs. */
    RUNNING("Running"),
    /** The agent asked the workload to end and waits up to the grace period. */
    STOPPING("Stopping"),
    /** The workload ended. {@code status.exitCode} contains its code when the provider observed it. */
    EXITED("Exited"),
    /** Preparing, creating or starting the sandbox failed. {@code status.reason} gives the cause. */
    FAILED("Failed");

    private final String wireName;

    AgentSandboxState(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * Returns the phase of a pod whose sandbox is in this state and will not be restarted. It is
     * Pending before the workload runs, Running while it runs or stops, and Failed when the sandbox
     * could not be started. An exited sandbox gives Succeeded for exit code 0 and Failed otherwise,
     * including a null code that the provider could not observe.
     */
    public PodPhase podPhase(Integer exitCode) {
        return podPhase(exitCode, false);
    }

    /**
     * Returns the pod phase as {@link #podPhase(Integer)} does, except that an exited sandbox whose
     * pod waits for a restart under its restart policy keeps the phase Running, as in Kubernetes.
     */
    public PodPhase podPhase(Integer exitCode, boolean restartPending) {
        return switch (this) {
            case PREPARING, CREATED, STARTING -> PodPhase.PENDING;
            case RUNNING, STOPPING -> PodPhase.RUNNING;
            case EXITED -> exitedPhase(exitCode, restartPending);
            case FAILED -> PodPhase.FAILED;
        };
    }

    private static PodPhase exitedPhase(Integer exitCode, boolean restartPending) {
        if (restartPending) {
            return PodPhase.RUNNING;
        }
        return Integer.valueOf(0).equals(exitCode) ? PodPhase.SUCCEEDED : PodPhase.FAILED;
    }

    /** Parses the wire name; returns null for an unknown one so validation can report it. */
    public static AgentSandboxState fromWireName(String name) {
        for (AgentSandboxState state : values()) {
            if (state.wireName.equals(name)) {
                return state;
            }
        }
        return null;
    }
}
