package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * State of a pod as observed by the node agent. {@code reason} is one of the {@link Reason} names and
 * {@code message} carries provider detail.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class PodStatus {

    /** One of the PodPhase wire names. */
    private String phase;
    private List<Condition> conditions = new ArrayList<>();
    private String reason;
    private String message;
    /** Provider-assigned id of the running sandbox. */
    private String sandboxId;
    /** Name of the provider that runs the sandbox. */
    private String provider;
    /** Exit code of the last finished run. Null while running or before the first start. */
    private Integer exitCode;
    private Instant startTime;
    private Instant finishTime;
    private int restartCount;
    private String hostIp;
    /**
     * The agent's state of the current sandbox, one of the {@link AgentSandboxState} wire names
     * (Preparing, Created, Starting, Running, Stopping, Exited, Failed). Null before an agent has
     * reported the pod.
     */
    private String sandboxState;

    public PodStatus() {
    }

    /** Returns the phase, or null when unset or unknown. */
    public PodPhase resolvedPhase() {
        return PodPhase.fromWireName(phase);
    }

    /** Returns the sandbox state, or null when unset or unknown. */
    public AgentSandboxState resolvedSandboxState() {
        return AgentSandboxState.fromWireName(sandboxState);
    }

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions == null ? new ArrayList<>() : new ArrayList<>(conditions);
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getSandboxId() {
        return sandboxId;
    }

    public void setSandboxId(String sandboxId) {
        this.sandboxId = sandboxId;
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public Integer getExitCode() {
        return exitCode;
    }

    public void setExitCode(Integer exitCode) {
        this.exitCode = exitCode;
    }

    public Instant getStartTime() {
        return startTime;
    }

    public void setStartTime(Instant startTime) {
        this.startTime = startTime;
    }

    public Instant getFinishTime() {
        return finishTime;
    }

    public void setFinishTime(Instant finishTime) {
        this.finishTime = finishTime;
    }

    public int getRestartCount() {
        return restartCount;
    }

    public void setRestartCount(int restartCount) {
        this.restartCount = restartCount;
    }

    public String getHostIp() {
        return hostIp;
    }

    public void setHostIp(String hostIp) {
        this.hostIp = hostIp;
    }

    public String getSandboxState() {
        return sandboxState;
    }

    public void setSandboxState(String sandboxState) {
        this.sandboxState = sandboxState;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        PodStatus that = (PodStatus) other;
        return Objects.equals(phase, that.phase)
                && Objects.equals(conditions, that.conditions)
                && Objects.equals(reason, that.reason)
                && Objects.equals(message, that.message)
                && Objects.equals(sandboxId, that.sandboxId)
                && Objects.equals(provider, that.provider)
                && Objects.equals(exitCode, that.exitCode)
                && Objects.equals(startTime, that.startTime)
                && Objects.equals(finishTime, that.finishTime)
                && restartCount == that.restartCount
                && Objects.equals(hostIp, that.hostIp)
                && Objects.equals(sandboxState, that.sandboxState);
    }

    @Override
    public int hashCode() {
        return Objects.hash(phase, conditions, reason, message, sandboxId, provider, exitCode, startTime, finishTime,
                restartCount, hostIp, sandboxState);
    }
}
