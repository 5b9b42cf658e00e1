package io.boss.chaos.checker;

import io.boss.chaos.cluster.HostProcesses.Sandbox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks that no pod is bound to two nodes or started twice, from two sources: the pod objects
 * watchers saw ({@code spec.nodeName} never changes once set, and each sandbox id has one start
 * time), and samples of the host's supervisor processes (each sandbox runs under one supervisor
 * pid for its whole life, and no pod has sandboxes on two nodes). Thread-safe.
 */
public final class PodChecker {

    private final Map<String, Set<String>> nodesByPod = new HashMap<>();
    private final Map<String, Set<String>> startTimesBySandbox = new HashMap<>();
    private final Map<String, Set<Long>> pidsBySandbox = new HashMap<>();
    private final Map<String, Set<String>> hostNodesByPod = new HashMap<>();
    private final Map<String, String> podNames = new HashMap<>();
    private final List<Anomaly> concurrentRuns = new ArrayList<>();
    private int samples;

    /** Records one observed state of a pod. Null fields are ignored. */
    public synchronized void observePod(String uid, String name, String nodeName, String sandboxId, String startTime) {
        podNames.put(uid, name);
        if (nodeName != null && !nodeName.isEmpty()) {
            nodesByPod.computeIfAbsent(uid, key -> new TreeSet<>()).add(nodeName);
        }
        if (sandboxId != null && startTime != null) {
            startTimesBySandbox.computeIfAbsent(sandboxId, key -> new TreeSet<>()).add(startTime);
        }
    }

    /** Records one sample of the live supervisors on the host. */
    public synchronized void observeHost(List<Sandbox> sandboxes) {
        samples++;
        Map<String, List<Sandbox>> livePerPod = new HashMap<>();
        for (Sandbox sandbox : sandboxes) {
            pidsBySandbox.computeIfAbsent(sandbox.sandboxId(), key -> new TreeSet<>()).add(sandbox.pid());
            hostNodesByPod.computeIfAbsent(sandbox.podUid(), key -> new TreeSet<>()).add(sandbox.node());
            livePerPod.computeIfAbsent(sandbox.podUid(), key -> new ArrayList<>()).add(sandbox);
        }
        livePerPod.forEach((uid, live) -> {
            if (live.size() > 1 && concurrentRuns.size() < 20) {
                concurrentRuns.add(new Anomaly("pods", "pod uid " + uid + " has " + live.size()
                        + " live sandboxes at once: " + live));
            }
        });
    }

    public synchronized int hostSamples() {
        return samples;
    }

    /** Returns every violation seen so far. */
    public synchronized List<Anomaly> anomalies() {
        List<Anomaly> anomalies = new ArrayList<>(concurrentRuns);
        nodesByPod.forEach((uid, nodes) -> {
            if (nodes.size() > 1) {
                anomalies.add(new Anomaly("pods", "pod " + podNames.get(uid) + " (uid " + uid + ") was bound to "
                        + nodes));
            }
        });
        startTimesBySandbox.forEach((sandboxId, times) -> {
            if (times.size() > 1) {
                anomalies.add(new Anomaly("pods", "sandbox " + sandboxId + " reported " + times.size()
                        + " start times " + times + ": started twice"));
            }
        });
        pidsBySandbox.forEach((sandboxId, pids) -> {
            if (pids.size() > 1) {
                anomalies.add(new Anomaly("pods", "sandbox " + sandboxId + " ran under supervisors " + pids
                        + ": started twice on the host"));
            }
        });
        hostNodesByPod.forEach((uid, nodes) -> {
            if (nodes.size() > 1) {
                anomalies.add(new Anomaly("pods", "pod uid " + uid + " had sandbox processes on nodes " + nodes));
            }
        });
        return anomalies;
    }
}
