package io.boss.server.controller.deployment;

import io.boss.api.model.Deployment;
import io.boss.api.model.DeploymentStrategy;
import io.boss.api.model.IntOrPercent;
import io.boss.api.model.ReplicaSet;
import io.boss.api.model.RollingUpdateDeployment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides the next {@code spec.replicas} of a Deployment's ReplicaSets, one step at a time, with
 * the rules of Kubernetes' deployment controller:
 *
 * <ul>
 *   <li>RollingUpdate: the new ReplicaSet grows while the sum of all replicas stays at most
 *       {@code replicas + maxSurge}; old ReplicaSets shrink, unhealthy pods first, while at least
 *       {@code replicas - maxUnavailable} pods stay available. maxSurge rounds up and
 *       maxUnavailable rounds down; when both resolve to 0, maxUnavailable becomes 1.</li>
 *   <li>A change of {@code spec.replicas} while several ReplicaSets are active scales them in
 *       proportion to their size, the remainder going to the largest.</li>
 *   <li>Recreate: every old ReplicaSet goes to 0 and its pods must be gone before the new one
 *       grows.</li>
 * </ul>
 *
 * <p>Pure: reads only its arguments.
 */
final class RolloutPlanner {

    /** Annotation with the Deployment's replicas when the controller last scaled the ReplicaSet. */
    static final String DESIRED_REPLICAS_ANNOTATION = "boss.io/desired-replicas";

    record Bounds(int maxSurge, int maxUnavailable) {
    }

    private RolloutPlanner() {
    }

    /** Resolves maxSurge (rounded up) and maxUnavailable (rounded down) against the desired replicas. */
    static Bounds bounds(Deployment deployment) {
        DeploymentStrategy strategy = deployment.getSpec().getStrategy();
        if (isRecreate(deployment)) {
            return new Bounds(0, deployment.getSpec().desiredReplicas());
        }
        RollingUpdateDeployment rolling = strategy == null ? null : strategy.getRollingUpdate();
        IntOrPercent surge = rolling == null || rolling.getMaxSurge() == null
                ? RollingUpdateDeployment.DEFAULT_BOUND : rolling.getMaxSurge();
        IntOrPercent unavailable = rolling == null || rolling.getMaxUnavailable() == null
                ? RollingUpdateDeployment.DEFAULT_BOUND : rolling.getMaxUnavailable();

        int desired = deployment.getSpec().desiredReplicas();
        int maxSurge = surge.resolve(desired, true);
        int maxUnavailable = unavailable.resolve(desired, false);
        if (maxSurge == 0 && maxUnavailable == 0) {
            maxUnavailable = 1;
        }
        return new Bounds(maxSurge, Math.min(maxUnavailable, desired));
    }

    static boolean isRecreate(Deployment deployment) {
        DeploymentStrategy strategy = deployment.getSpec().getStrategy();
        return strategy != null && DeploymentStrategy.RECREATE.equals(strategy.getType());
    }

    /**
     * Returns the ReplicaSets whose replicas should change next, by name, with their new value.
     * {@code newReplicaSet} may be one that is not stored yet, with 0 replicas.
     */
    static Map<String, Integer> plan(Deployment deployment, ReplicaSet newReplicaSet, List<ReplicaSet> oldReplicaSets) {
        int desired = deployment.getSpec().desiredReplicas();
        List<ReplicaSet> activeOld = oldReplicaSets.stream().filter(rs -> replicas(rs) > 0).toList();

        if (isRecreate(deployment)) {
            return planRecreate(desired, newReplicaSet, oldReplicaSets, activeOld);
        }
        if (activeOld.isEmpty()) {
            return replicas(newReplicaSet) == desired ? Map.of() : Map.of(name(newReplicaSet), desired);
        }

        Bounds bounds = bounds(deployment);
        List<ReplicaSet> all = new ArrayList<>(oldReplicaSets);
        all.add(newReplicaSet);
        if (isScalingEvent(desired, all)) {
            return proportional(desired, bounds, all);
        }

        int newTarget = newReplicas(desired, bounds, newReplicaSet, all);
        if (newTarget != replicas(newReplicaSet)) {
            return Map.of(name(newReplicaSet), newTarget);
        }
        return scaleDownOld(desired, bounds, newReplicaSet, oldReplicaSets, all);
    }

    private static Map<String, Integer> planRecreate(int desired, ReplicaSet newReplicaSet, List<ReplicaSet> oldReplicaSets,
                                                     List<ReplicaSet> activeOld) {
        if (!activeOld.isEmpty()) {
            Map<String, Integer> targets = new LinkedHashMap<>();
            activeOld.forEach(rs -> targets.put(name(rs), 0));
            return targets;
        }
        boolean oldPodsRemain = oldReplicaSets.stream().anyMatch(rs -> rs.getStatus().getReplicas() > 0);
        if (oldPodsRemain || replicas(newReplicaSet) == desired) {
            return Map.of();
        }
        return Map.of(name(newReplicaSet), desired);
    }

    /** The new ReplicaSet's size after one scale-up step, bounded by {@code replicas + maxSurge} in total. */
    private static int newReplicas(int desired, Bounds bounds, ReplicaSet newReplicaSet, List<ReplicaSet> all) {
        int current = replicas(newReplicaSet);
        if (current >= desired) {
            return current;
        }
        int maxTotal = desired + bounds.maxSurge();
        int total = sum(all);
        if (total >= maxTotal) {
            return current;
        }
        return current + Math.min(maxTotal - total, desired - current);
    }

    private static Map<String, Integer> scaleDownOld(int desired, Bounds bounds, ReplicaSet newReplicaSet,
                                                     List<ReplicaSet> oldReplicaSets, List<ReplicaSet> all) {
        int minAvailable = desired - bounds.maxUnavailable();
        int newUnavailable = Math.max(0, replicas(newReplicaSet) - newReplicaSet.getStatus().getAvailableReplicas());
        int maxScaledDown = sum(all) - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return Map.of();
        }

        List<ReplicaSet> oldest = new ArrayList<>(oldReplicaSets);
        oldest.sort(Comparator.comparing((ReplicaSet rs) -> rs.getMetadata().getCreationTimestamp(),
                Comparator.nullsFirst(Comparator.naturalOrder())));
        Map<String, Integer> targets = new LinkedHashMap<>();

        // Unhealthy old pods go first: removing them cannot lower availability.
        int budget = maxScaledDown;
        for (ReplicaSet rs : oldest) {
            int unhealthy = Math.max(0, replicas(rs) - rs.getStatus().getAvailableReplicas());
            int step = Math.min(unhealthy, budget);
            if (step > 0) {
                targets.put(name(rs), replicas(rs) - step);
                budget -= step;
            }
        }

        int available = all.stream().mapToInt(rs -> rs.getStatus().getAvailableReplicas()).sum();
        int availableBudget = Math.min(budget, available - minAvailable);
        for (ReplicaSet rs : oldest) {
            if (availableBudget <= 0) {
                break;
            }
            int current = targets.getOrDefault(name(rs), replicas(rs));
            int step = Math.min(current, availableBudget);
            if (step > 0) {
                targets.put(name(rs), current - step);
                availableBudget -= step;
            }
        }
        return targets;
    }

    /** Returns true when an active ReplicaSet was last scaled for a different Deployment size. */
    private static boolean isScalingEvent(int desired, List<ReplicaSet> all) {
        for (ReplicaSet rs : all) {
            String recorded = rs.getMetadata().getAnnotations().get(DESIRED_REPLICAS_ANNOTATION);
            if (replicas(rs) > 0 && recorded != null && !recorded.equals(Integer.toString(desired))) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Integer> proportional(int desired, Bounds bounds, List<ReplicaSet> all) {
        List<ReplicaSet> active = new ArrayList<>(all.stream().filter(rs -> replicas(rs) > 0).toList());
        active.sort(Comparator.comparingInt(RolloutPlanner::replicas).reversed());
        int activeTotal = sum(active);
        int toAdd = desired + bounds.maxSurge() - sum(all);

        Map<String, Integer> targets = new LinkedHashMap<>();
        int added = 0;
        for (ReplicaSet rs : active) {
            int share = (int) Math.round((double) toAdd * replicas(rs) / activeTotal);
            if (Math.abs(added + share) > Math.abs(toAdd)) {
                share = toAdd - added;
            }
            targets.put(name(rs), Math.max(0, replicas(rs) + share));
            added += share;
        }
        if (!active.isEmpty() && added != toAdd) {
            String largest = name(active.get(0));
            targets.put(largest, Math.max(0, targets.get(largest) + toAdd - added));
        }
        return targets;
    }

    static int replicas(ReplicaSet rs) {
        return Objects.requireNonNullElse(rs.getSpec().getReplicas(), 0);
    }

    private static int sum(List<ReplicaSet> replicaSets) {
        return replicaSets.stream().mapToInt(RolloutPlanner::replicas).sum();
    }

    private static String name(ReplicaSet rs) {
        return rs.getMetadata().getName();
    }
}
