package io.boss.server.controller.replicaset;

import io.boss.api.model.Pod;
import io.boss.api.model.ReplicaSet;
import io.boss.api.selector.LabelSelector;
import io.boss.server.controller.Pods;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The pods of one namespace as a ReplicaSet sees them: the active pods it controls, and the
 * active orphans its selector matches, which it may adopt. Pods with another controller are in
 * neither list.
 */
record PodView(List<Pod> active, List<Pod> orphans) {

    static PodView of(ReplicaSet replicaSet, LabelSelector selector, Collection<Pod> namespacePods) {
        String uid = replicaSet.getMetadata().getUid();
        List<Pod> active = new ArrayList<>();
        List<Pod> orphans = new ArrayList<>();
        for (Pod pod : namespacePods) {
            if (!Pods.isActive(pod)) {
                continue;
            }
            if (Pods.isControlledBy(pod, uid)) {
                active.add(pod);
            } else if (Pods.controllerOf(pod).isEmpty() && selector.matches(pod.getMetadata().getLabels())) {
                orphans.add(pod);
            }
        }
        return new PodView(active, orphans);
    }
}
