package io.boss.runtime;

/**
 * The state of a sandbox as its provider observes it. The agent keeps its own transitional
 * states (preparing, starting, stopping) on top of these.
 */
public enum SandboxState {
    /** Created and recorded, but its workload has not been launched. */
    CREATED,
    /** The workload is running. */
    RUNNING,
    /** The workload has ended; the exit code is set when the provider could observe it. */
    EXITED,
    /** The provider cannot tell whether the workload runs. */
    UNKNOWN
}
