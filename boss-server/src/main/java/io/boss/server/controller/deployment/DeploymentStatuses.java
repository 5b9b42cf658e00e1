package io.boss.server.controller.deployment;

import io.boss.api.json.Serialization;
import io.boss.api.model.Condition;
import io.boss.api.model.ConditionTypes;
import io.boss.api.model.Conditions;
import io.boss.api.model.Deployment;
import io.boss.api.model.DeploymentStatus;
import io.boss.api.model.ReplicaSet;

import java.time.Instant;
import java.util.List;

/** Computes a Deployment's status and conditions from its ReplicaSets, after the controller's writes. */
final class DeploymentStatuses {

    static final String REASON_AS_EXPECTED = "AsExpected";
    static final String REASON_RECONCILED = "Reconciled";
    static final String REASON_ROLLING_OUT = "RollingOut";
    static final String REASON_SCALING = "Scaling";
    static final String REASON_PAUSED = "DeploymentPaused";
    static final String REASON_NEW_RS_CREATED = "NewReplicaSetCreated";
    static final String REASON_RS_UPDATED = "ReplicaSetUpdated";
    static final String REASON_NEW_RS_AVAILABLE = "NewReplicaSetAvailable";
    static final String REASON_AVAILABLE = "MinimumReplicasAvailable";
    static final String REASON_UNAVAILABLE = "MinimumReplicasUnavailable";

    private DeploymentStatuses() {
    }

    /** Returns true when every desired pod runs the current template and is available, and no old pod is left. */
    static boolean isComplete(Deployment deployment, ReplicaSet newReplicaSet, List<ReplicaSet> all) {
        int desired = deployment.getSpec().desiredReplicas();
        int total = all.stream().mapToInt(rs -> rs.getStatus().getReplicas()).sum();
        int specTotal = all.stream().mapToInt(RolloutPlanner::replicas).sum();
        return newReplicaSet != null
                && RolloutPlanner.replicas(newReplicaSet) == desired
                && specTotal == desired
                && newReplicaSet.getStatus().getReplicas() == desired
                && newReplicaSet.getStatus().getAvailableReplicas() >= desired
                && total == desired;
    }

    /**
     * Returns the status for {@code all} ReplicaSets (the new one included). A non-null
     * {@code degradedReason} marks a spec the controller cannot act on.
     */
    static DeploymentStatus compute(Deployment deployment, ReplicaSet newReplicaSet, List<ReplicaSet> all,
                                    boolean createdNewReplicaSet, String degradedReason, String degradedMessage,
                                    Instant now) {
        DeploymentStatus status = Serialization.copy(deployment.getStatus());
        int desired = deployment.getSpec().desiredReplicas();
        long generation = deployment.getMetadata().getGeneration();

        int specTotal = all.stream().mapToInt(RolloutPlanner::replicas).sum();
        int available = all.stream().mapToInt(rs -> rs.getStatus().getAvailableReplicas()).sum();
        status.setObservedGeneration(generation);
        status.setReplicas(all.stream().mapToInt(rs -> rs.getStatus().getReplicas()).sum());
        status.setUpdatedReplicas(newReplicaSet == null ? 0 : newReplicaSet.getStatus().getReplicas());
        status.setReadyReplicas(all.stream().mapToInt(rs -> rs.getStatus().getReadyReplicas()).sum());
        status.setAvailableReplicas(available);
        status.setUnavailableReplicas(Math.max(0, Math.max(specTotal, desired) - available));

        boolean degraded = degradedReason != null;
        set(status, ConditionTypes.DEGRADED, degraded, degraded ? degradedReason : REASON_AS_EXPECTED,
                degraded ? degradedMessage : null, generation, now);
        if (degraded) {
            set(status, ConditionTypes.RECONCILING, false, degradedReason, degradedMessage, generation, now);
            return status;
        }

        int minAvailable = desired - RolloutPlanner.bounds(deployment).maxUnavailable();
        boolean enough = available >= minAvailable;
        set(status, ConditionTypes.AVAILABLE, enough, enough ? REASON_AVAILABLE : REASON_UNAVAILABLE,
                available + " of " + desired + " pods available, at least " + minAvailable + " required",
                generation, now);

        boolean complete = isComplete(deployment, newReplicaSet, all);
        String newName = newReplicaSet == null ? "" : newReplicaSet.getMetadata().getName();
        if (deployment.getSpec().isPaused()) {
            set(status, ConditionTypes.PROGRESSING, false, REASON_PAUSED, "the deployment is paused", generation, now);
        } else if (complete) {
            set(status, ConditionTypes.PROGRESSING, true, REASON_NEW_RS_AVAILABLE,
                    "ReplicaSet " + newName + " has successfully progressed", generation, now);
        } else {
            String reason = createdNewReplicaSet ? REASON_NEW_RS_CREATED : REASON_RS_UPDATED;
            set(status, ConditionTypes.PROGRESSING, true, reason, "ReplicaSet " + newName + " is progressing",
                    generation, now);
        }

        boolean rollingOut = all.stream().anyMatch(rs -> rs != newReplicaSet && RolloutPlanner.replicas(rs) > 0);
        String reconcilingReason = rollingOut ? REASON_ROLLING_OUT : REASON_SCALING;
        set(status, ConditionTypes.RECONCILING, !complete, complete ? REASON_RECONCILED : reconcilingReason,
                complete ? null : status.getUpdatedReplicas() + " of " + desired + " updated, " + available
                        + " available", generation, now);
        return status;
    }

    private static void set(DeploymentStatus status, String type, boolean value, String reason, String message,
                            long generation, Instant now) {
        Condition condition = new Condition(type, value ? Condition.TRUE : Condition.FALSE, reason, message);
        condition.setObservedGeneration(generation);
        Conditions.set(status.getConditions(), condition, now);
    }
}
