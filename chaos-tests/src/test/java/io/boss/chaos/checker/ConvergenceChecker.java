package io.boss.chaos.checker;

import io.boss.chaos.cluster.HostProcesses.Sandbox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the end state after the faults stop: the Deployment runs as many Running pods as it
 * asks for, every Running pod has exactly one sandbox process, and no sandbox process belongs to a
 * pod that is gone or no longer meant to run.
 */
public final class ConvergenceChecker {

    /** What the checker needs to know of one pod. */
    public record PodState(String uid, String name, String phase, boolean deleting, boolean ownedByDeployment) {
    }

    private ConvergenceChecker() {
    }

    /** Returns what is not converged; empty when the cluster has converged. */
    public static List<String> problems(int desiredReplicas, List<PodState> pods, List<Sandbox> sandboxes) {
        List<String> problems = new ArrayList<>();
        long running = pods.stream()
                .filter(pod -> pod.ownedByDeployment() && !pod.deleting() && "Running".equals(pod.phase()))
                .count();
        if (running != desiredReplicas) {
            problems.add("the Deployment asks for " + desiredReplicas + " replicas but " + running + " of its pods are Running");
        }

        Map<String, PodState> byUid = new HashMap<>();
        pods.forEach(pod -> byUid.put(pod.uid(), pod));
        Map<String, Integer> sandboxesPerPod = new HashMap<>();
        for (Sandbox sandbox : sandboxes) {
            sandboxesPerPod.merge(sandbox.podUid(), 1, Integer::sum);
            PodState pod = byUid.get(sandbox.podUid());
            if (pod == null) {
                problems.add("sandbox " + sandbox.sandboxId() + " (pid " + sandbox.pid() + " on " + sandbox.node()
                        + ") belongs to a deleted pod");
            } else if (!Set.of("Running", "Pending").contains(pod.phase())) {
                problems.add("sandbox " + sandbox.sandboxId() + " (pid " + sandbox.pid() + ") still runs for pod "
                        + pod.name() + " in phase " + pod.phase());
            }
        }
        for (PodState pod : pods) {
            if (pod.deleting()) {
                problems.add("pod " + pod.name() + " is still being deleted");
            }
            int count = sandboxesPerPod.getOrDefault(pod.uid(), 0);
            if ("Running".equals(pod.phase()) && count != 1) {
                problems.add("pod " + pod.name() + " is Running with " + count + " sandbox processes on the host");
            }
        }
        return problems;
    }
}
