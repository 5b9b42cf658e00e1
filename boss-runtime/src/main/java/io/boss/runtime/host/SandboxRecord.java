package io.boss.runtime.host;

import io.boss.runtime.SandboxSpec;
import java.time.Instant;

/**
 * The on-disk state of one sandbox of a host-process provider, from which a new provider
 * instance finds the sandbox again.
 *
 * @param spec the spec the sandbox was created with
 * @param createdAt when it was created
 * @param startedAt when its supervisor was launched, or null before start
 * @param pid the supervisor's pid, which is also the process group and session id, or null
 * @param startTicks the supervisor's start time from {@code /proc/<pid>/stat}, to tell a reused
 *     pid apart; -1 when the supervisor had already ended when it was read
 * @param killedAt when the provider sent SIGKILL to the group, or null
 * @param stoppedBeforeStartAt when the sandbox was stopped without ever being started, or null;
 *     such a sandbox is never launched
 */
public record SandboxRecord(
        SandboxSpec spec,
        Instant createdAt,
        Instant startedAt,
        Long pid,
        long startTicks,
        Instant killedAt,
        Instant stoppedBeforeStartAt) {

    /** Returns a record for a sandbox that was just created. */
    public static SandboxRecord created(SandboxSpec spec, Instant now) {
        return new SandboxRecord(spec, now, null, null, -1, null, null);
    }

    public SandboxRecord withStarted(Instant at, long supervisorPid, long supervisorStartTicks) {
        return new SandboxRecord(spec, createdAt, at, supervisorPid, supervisorStartTicks, killedAt,
                stoppedBeforeStartAt);
    }

    public SandboxRecord withKilled(Instant at) {
        return new SandboxRecord(spec, createdAt, startedAt, pid, startTicks, at, stoppedBeforeStartAt);
    }

    public SandboxRecord withStoppedBeforeStart(Instant at) {
        return new SandboxRecord(spec, createdAt, startedAt, pid, startTicks, killedAt, at);
    }

    public String sandboxId() {
        return spec.sandboxId();
    }
}
