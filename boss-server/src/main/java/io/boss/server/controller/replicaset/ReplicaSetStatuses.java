package io.boss.server.controller.replicaset;

import io.boss.api.json.Serialization;
import io.boss.api.model.Condition;
import io.boss.api.model.ConditionTypes;
import io.boss.api.model.Conditions;
import io.boss.api.model.Pod;
import io.boss.api.model.ReplicaSet;
import io.boss.api.model.ReplicaSetStatus;
import io.boss.api.selector.LabelSelector;
import io.boss.server.controller.Pods;

import java.time.Instant;
import java.util.Collection;

/** Computes a ReplicaSet's status from the pods it controls. */
final class ReplicaSetStatuses {

    static final String REASON_AS_EXPECTED = "AsExpected";
    static final String REASON_RECONCILED = "Reconciled";
    static final String REASON_SCALING_UP = "ScalingUp";
    static final String REASON_SCALING_DOWN = "ScalingDown";
    static final String REASON_WAITING = "WaitingForAvailablePods";
    static final String REASON_AVAILABLE = "MinimumReplicasAvailable";
    static final String REASON_UNAVAILABLE = "MinimumReplicasUnavailable";

    private ReplicaSetStatuses() {
    }

    /**
     * Returns the status for {@code activePods}, the active pods the ReplicaSet controls. A non-null
     * {@code degradedReason} marks the spec as one the controller cannot act on.
     */
    static ReplicaSetStatus compute(ReplicaSet replicaSet, Collection<Pod> activePods, String degradedReason,
                                    String degradedMessage, Instant now) {
        ReplicaSetStatus status = Serialization.copy(replicaSet.getStatus());
        int desired = replicaSet.getSpec().desiredReplicas();
        int minReadySeconds = replicaSet.getSpec().getMinReadySeconds();
        LabelSelector templateLabels = LabelSelector.matchingLabels(templateLabels(replicaSet));
        long generation = replicaSet.getMetadata().getGeneration();

        int ready = 0;
        int available = 0;
        int fullyLabeled = 0;
        for (Pod pod : activePods) {
            if (Pods.isReady(pod)) {
                ready++;
            }
            if (Pods.isAvailable(pod, minReadySeconds, now)) {
                available++;
            }
            if (templateLabels.matches(pod.getMetadata().getLabels())) {
                fullyLabeled++;
            }
        }
        status.setReplicas(activePods.size());
        status.setReadyReplicas(ready);
        status.setAvailableReplicas(available);
        status.setFullyLabeledReplicas(fullyLabeled);
        status.setObservedGeneration(generation);

        boolean degraded = degradedReason != null;
        set(status, ConditionTypes.DEGRADED, degraded, degraded ? degradedReason : REASON_AS_EXPECTED,
                degraded ? degradedMessage : null, generation, now);
        boolean converged = !degraded && activePods.size() == desired && available >= desired;
        String reconcilingReason = activePods.size() < desired ? REASON_SCALING_UP
                : activePods.size() > desired ? REASON_SCALING_DOWN : REASON_WAITING;
        set(status, ConditionTypes.RECONCILING, !converged, converged ? REASON_RECONCILED : reconcilingReason,
                converged ? null : available + " of " + desired + " pods available, " + activePods.size() + " exist",
                generation, now);
        boolean enough = available >= desired;
        set(status, ConditionTypes.AVAILABLE, enough, enough ? REASON_AVAILABLE : REASON_UNAVAILABLE,
                available + " of " + desired + " pods available", generation, now);
        return status;
    }

    private static java.util.Map<String, String> templateLabels(ReplicaSet replicaSet) {
        var template = replicaSet.getSpec().getTemplate();
        return template == null || template.getMetadata() == null ? java.util.Map.of() : template.getMetadata().getLabels();
    }

    private static void set(ReplicaSetStatus status, String type, boolean value, String reason, String message,
                            long generation, Instant now) {
        Condition condition = new Condition(type, value ? Condition.TRUE : Condition.FALSE, reason, message);
        condition.setObservedGeneration(generation);
        Conditions.set(status.getConditions(), condition, now);
    }
}
