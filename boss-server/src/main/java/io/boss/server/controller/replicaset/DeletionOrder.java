package io.boss.server.controller.replicaset;

import io.boss.api.model.Pod;
import io.boss.api.model.PodPhase;
import io.boss.server.controller.Pods;

import java.time.Instant;
import java.util.Comparator;

/**
 * Orders pods so that the ones to delete first come first when a ReplicaSet scales down, with
 * the rules of Kubernetes' {@code ActivePods} ordering: unscheduled before scheduled, Pending
 * before Unknown before Running, not ready before ready, ready for a shorter time before longer,
 * more restarts before fewer, and newer before older.
 */
final class DeletionOrder implements Comparator<Pod> {

    static final DeletionOrder INSTANCE = new DeletionOrder();

    private DeletionOrder() {
    }

    @Override
    public int compare(Pod a, Pod b) {
        int byScheduling = Boolean.compare(isScheduled(a), isScheduled(b));
        if (byScheduling != 0) {
            return byScheduling;
        }
        int byPhase = Integer.compare(phaseRank(a), phaseRank(b));
        if (byPhase != 0) {
            return byPhase;
        }
        int byReadiness = Boolean.compare(Pods.isReady(a), Pods.isReady(b));
        if (byReadiness != 0) {
            return byReadiness;
        }
        int byReadyTime = compareNewerFirst(Pods.readySince(a), Pods.readySince(b));
        if (byReadyTime != 0) {
            return byReadyTime;
        }
        int byRestarts = Integer.compare(b.getStatus().getRestartCount(), a.getStatus().getRestartCount());
        if (byRestarts != 0) {
            return byRestarts;
        }
        return compareNewerFirst(a.getMetadata().getCreationTimestamp(), b.getMetadata().getCreationTimestamp());
    }

    private static boolean isScheduled(Pod pod) {
        String nodeName = pod.getSpec().getNodeName();
        return nodeName != null && !nodeName.isEmpty();
    }

    private static int phaseRank(Pod pod) {
        PodPhase phase = Pods.phase(pod);
        return switch (phase) {
            case PENDING -> 0;
            case UNKNOWN -> 1;
            case RUNNING -> 2;
            default -> 3;
        };
    }

    /** Orders a later time first; a missing time counts as newest. */
    private static int compareNewerFirst(Instant a, Instant b) {
        if (a == null && b == null) {
            return 0;
        }
        if (a == null) {
            return -1;
        }
        if (b == null) {
            return 1;
        }
        return b.compareTo(a);
    }
}
