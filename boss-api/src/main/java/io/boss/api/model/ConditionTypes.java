package io.boss.api.model;

/** Condition types boss sets. Pods use the first three; Deployments and ReplicaSets the rest. */
public final class ConditionTypes {

    /** The pod's sandbox is running; False with a {@link Reason} while it waits or after it failed. */
    public static final String SANDBOX_READY = "SandboxReady";
    /** The pod is bound to a node; False with reason Unschedulable when no node fits. */
    public static final String POD_SCHEDULED = "PodScheduled";
    /** The pod (or node) is ready to serve. */
    public static final String READY = "Ready";
    /** The controller is still converging the object towards its spec. */
    public static final String RECONCILING = "Reconciling";
    /** A rollout is making progress or has completed. */
    public static final String PROGRESSING = "Progressing";
    /** At least the required number of pods are available. */
    public static final String AVAILABLE = "Available";
    /** The controller cannot converge, for example because the selector does not match the template. */
    public static final String DEGRADED = "Degraded";

    private ConditionTypes() {
    }
}
