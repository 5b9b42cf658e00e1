package io.boss.server.controller;

import io.boss.api.model.Condition;
import io.boss.api.model.ConditionTypes;
import io.boss.api.model.Conditions;
import io.boss.api.model.OwnerReference;
import io.boss.api.model.Pod;
import io.boss.api.model.PodPhase;
import io.boss.api.model.Resource;

import java.time.Instant;
import java.util.Optional;

/** Pod and owner-reference predicates shared by the controllers, with Kubernetes' meanings. */
public final class Pods {

    private Pods() {
    }

    /** Returns the owner reference with {@code controller: true}, if any. */
    public static Optional<OwnerReference> controllerOf(Resource object) {
        return object.getMetadata().getOwnerReferences().stream()
                .filter(OwnerReference::isControllerReference)
                .findFirst();
    }

    /** Returns true when {@code object}'s controller is the object with {@code ownerUid}. */
    public static boolean isControlledBy(Resource object, String ownerUid) {
        return controllerOf(object).map(owner -> ownerUid.equals(owner.getUid())).orElse(false);
    }

    public static PodPhase phase(Pod pod) {
        PodPhase phase = pod.getStatus() == null ? null : pod.getStatus().resolvedPhase();
        return phase == null ? PodPhase.PENDING : phase;
    }

    /** Returns true for a pod that counts towards replicas: not being deleted and not Succeeded or Failed. */
    public static boolean isActive(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && !phase(pod).isTerminal();
    }

    /** Returns true for a Running pod whose sandbox is ready. */
    public static boolean isReady(Pod pod) {
        return phase(pod) == PodPhase.RUNNING && readyCondition(pod).map(Condition::isTrue).orElse(false);
    }

    /** Returns true for a pod that has been ready for at least {@code minReadySeconds} at {@code now}. */
    public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
        if (!isReady(pod)) {
            return false;
        }
        if (minReadySeconds <= 0) {
            return true;
        }
        Instant since = readyCondition(pod).map(Condition::getLastTransitionTime).orElse(null);
        return since != null && !since.plusSeconds(minReadySeconds).isAfter(now);
    }

    /** Returns the time the pod became ready, or null when it is not ready. */
    public static Instant readySince(Pod pod) {
        return isReady(pod) ? readyCondition(pod).map(Condition::getLastTransitionTime).orElse(null) : null;
    }

    /** Returns the pod's Ready condition, else its SandboxReady condition, which the agent sets. */
    private static Optional<Condition> readyCondition(Pod pod) {
        var conditions = pod.getStatus().getConditions();
        return Conditions.find(conditions, ConditionTypes.READY)
                .or(() -> Conditions.find(conditions, ConditionTypes.SANDBOX_READY));
    }
}
