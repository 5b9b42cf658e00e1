package io.boss.node.sync;

import io.boss.api.json.Serialization;
import io.boss.api.model.AgentSandboxState;
import io.boss.api.model.Condition;
import io.boss.api.model.ConditionTypes;
import io.boss.api.model.Conditions;
import io.boss.api.model.PodPhase;
import io.boss.api.model.PodStatus;
import io.boss.api.model.Reason;
import io.boss.runtime.SandboxStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * Builds the pod status the agent reports for each observed sandbox state. Each method returns
 * a new status based on a copy of the current one, so a result equal to the current status
 * needs no write. The phase follows {@link AgentSandboxState#podPhase(Integer, boolean)}, except
 * that a terminal phase is never left and a sandbox the provider cannot observe is Unknown.
 */
final class PodStatuses {

    private PodStatuses() {
    }

    /** Returns the status of a running run: phase Running, SandboxReady=True. */
    static PodStatus running(PodStatus current, String provider, SandboxStatus sandbox, int run, Instant now) {
        PodStatus status = base(current, provider, sandbox.sandboxId(), run);
        status.setSandboxState(AgentSandboxState.RUNNING.wireName());
        status.setPhase(AgentSandboxState.RUNNING.podPhase(null).wireName());
        status.setStartTime(sandbox.startedAt() != null ? sandbox.startedAt() : current.getStartTime());
        status.setExitCode(null);
        status.setFinishTime(null);
        ready(status, true, null, "sandbox " + sandbox.sandboxId() + " is running", now);
        return status;
    }

    /**
     * Returns the status of a run that ended and restarts after the delay. The phase stays Running,
     * as in Kubernetes.
     */
    static PodStatus waitingToRestart(PodStatus current, String provider, SandboxStatus exited, int run,
            Duration delay, Instant now) {
        PodStatus status = base(current, provider, exited.sandboxId(), run);
        status.setSandboxState(AgentSandboxState.EXITED.wireName());
        status.setPhase(AgentSandboxState.EXITED.podPhase(exited.exitCode(), true).wireName());
        status.setExitCode(exited.exitCode());
        status.setMessage("exited with code " + codeText(exited) + "; restarting in " + delay.toMillis() + " ms");
        ready(status, false, null, status.getMessage(), now);
        return status;
    }

    /** Returns the status of a final run that ended: phase Succeeded for code 0, else Failed. */
    static PodStatus finished(PodStatus current, String provider, SandboxStatus exited, int run, Instant now) {
        PodStatus status = base(current, provider, exited.sandboxId(), run);
        status.setSandboxState(AgentSandboxState.EXITED.wireName());
        status.setPhase(AgentSandboxState.EXITED.podPhase(exited.exitCode()).wireName());
        status.setExitCode(exited.exitCode());
        status.setFinishTime(exited.finishedAt() != null ? exited.finishedAt() : now);
        status.setMessage("exited with code " + codeText(exited));
        ready(status, false, null, status.getMessage(), now);
        return status;
    }

    /**
     * Returns the status of a run the provider cannot observe: phase Unknown, reason StatusUnknown.
     * The sandbox state stays the last one the agent reported, because none of its states fits.
     */
    static PodStatus unknown(PodStatus current, String provider, SandboxStatus sandbox, int run, Instant now) {
        PodStatus status = base(current, provider, sandbox.sandboxId(), run);
        status.setPhase(PodPhase.UNKNOWN.wireName());
        status.setReason(Reason.StatusUnknown.name());
        status.setMessage(sandbox.message() != null ? sandbox.message()
                : "provider " + provider + " cannot tell whether sandbox " + sandbox.sandboxId() + " runs");
        ready(status, false, Reason.StatusUnknown, status.getMessage(), now);
        return status;
    }

    /** Returns the status of a pod that cannot run here: phase Failed with one of the standard reasons. */
    static PodStatus failed(PodStatus current, String provider, Reason reason, String message, Instant now) {
        PodStatus status = Serialization.copy(current);
        status.setSandboxState(AgentSandboxState.FAILED.wireName());
        status.setPhase(AgentSandboxState.FAILED.podPhase(null).wireName());
        status.setProvider(provider);
        status.setReason(reason.name());
        status.setMessage(message);
        if (status.getFinishTime() == null) {
            status.setFinishTime(now);
        }
        ready(status, false, reason, message, now);
        return status;
    }

    /**
     * Returns the status of a run that is being prepared, created or started (Preparing, Created or
     * Starting): phase Pending, SandboxReady=False.
     */
    static PodStatus starting(PodStatus current, String provider, String sandboxId, int run, AgentSandboxState state,
            Instant now) {
        PodStatus status = base(current, provider, sandboxId, run);
        status.setSandboxState(state.wireName());
        status.setPhase(state.podPhase(null).wireName());
        status.setExitCode(null);
        status.setFinishTime(null);
        ready(status, false, null, "sandbox " + sandboxId + " is " + state.wireName().toLowerCase(), now);
        return status;
    }

    /**
     * Returns the status of a run whose sandbox the agent is stopping: sandboxState Stopping, phase
     * Running. A pod already Succeeded or Failed keeps its phase, because a terminal phase is never
     * left.
     */
    static PodStatus stopping(PodStatus current) {
        PodStatus status = Serialization.copy(current);
        status.setSandboxState(AgentSandboxState.STOPPING.wireName());
        if (!isTerminal(current)) {
            status.setPhase(AgentSandboxState.STOPPING.podPhase(null).wireName());
        }
        return status;
    }

    /**
     * Returns the status of a run whose sandbox the agent stopped: sandboxState Exited with the exit
     * code, and phase Succeeded for code 0, else Failed. A pod already Succeeded or Failed keeps its
     * phase.
     */
    static PodStatus stopped(PodStatus current, SandboxStatus stopped, Instant now) {
        PodStatus status = Serialization.copy(current);
        status.setSandboxState(AgentSandboxState.EXITED.wireName());
        status.setExitCode(stopped.exitCode());
        if (!isTerminal(current)) {
            status.setPhase(AgentSandboxState.EXITED.podPhase(stopped.exitCode()).wireName());
            status.setFinishTime(stopped.finishedAt() != null ? stopped.finishedAt() : now);
        }
        return status;
    }

    private static boolean isTerminal(PodStatus status) {
        PodPhase phase = status.resolvedPhase();
        return phase != null && phase.isTerminal();
    }

    private static PodStatus base(PodStatus current, String provider, String sandboxId, int run) {
        PodStatus status = Serialization.copy(current);
        status.setProvider(provider);
        status.setSandboxId(sandboxId);
        status.setRestartCount(run);
        status.setReason(null);
        status.setMessage(null);
        return status;
    }

    private static void ready(PodStatus status, boolean ready, Reason reason, String message, Instant now) {
        Condition condition = new Condition(ConditionTypes.SANDBOX_READY, ready ? Condition.TRUE : Condition.FALSE,
                reason == null ? null : reason.name(), message);
        Conditions.set(status.getConditions(), condition, now);
    }

    private static String codeText(SandboxStatus exited) {
        return exited.exitCode() == null ? "unknown" : exited.exitCode().toString();
    }
}
