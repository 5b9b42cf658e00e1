package io.boss.runtime;

import java.time.Instant;
import java.util.Objects;

/**
 * A provider's observation of one sandbox.
 *
 * @param sandboxId the caller-chosen sandbox id
 * @param state the observed state
 * @param exitCode the workload's exit code once it has exited and the code is known, else null
 * @param startedAt when the workload was launched, or null before start
 * @param finishedAt when the workload's exit was recorded, or null while it runs
 * @param pid the host pid of the sandbox's top process, or null when it is not a host process
 *     or not running
 * @param message the provider's detail for a user, or null
 */
public record SandboxStatus(
        String sandboxId,
        SandboxState state,
        Integer exitCode,
        Instant startedAt,
        Instant finishedAt,
        Long pid,
        String message) {

    public SandboxStatus {
        Objects.requireNonNull(sandboxId, "sandboxId");
        Objects.requireNonNull(state, "state");
    }
}
