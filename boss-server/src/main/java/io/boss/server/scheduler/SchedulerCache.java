package io.boss.server.scheduler;

import io.boss.api.model.Node;
import io.boss.api.model.Pod;
import io.boss.api.model.PodPhase;
import io.boss.api.placement.ResourceRequests;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The nodes and the resources their pods take, kept by the scheduler from its informers plus the
 * pods it has "assumed": bound by a write that is in flight or not yet seen through the pod
 * informer. Counting assumed pods keeps quick successive pods from overcommitting a node.
 *
 * <p>A pod counts on its node while {@code spec.nodeName} is set and its phase is neither
 * Succeeded nor Failed. Threading: every method is synchronized; informer threads update the
 * cache and the scheduling thread reads it through {@link #read}.
 */
final class SchedulerCache {

    static final String SELECTED_PROVIDER = "boss.io/selected-provider";

    private final Map<String, NodeInfo> nodes = new TreeMap<>();
    private final Map<String, PodUsage> counted = new HashMap<>();
    private final Map<String, PodUsage> assumed = new HashMap<>();

    synchronized void updateNode(Node node) {
        String name = node.getMetadata().getName();
        NodeInfo existing = nodes.get(name);
        if (existing != null) {
            nodes.put(name, existing.withNode(node));
            return;
        }

        NodeInfo info = new NodeInfo(node);
        for (PodUsage usage : counted.values()) {
            if (name.equals(usage.nodeName())) {
                info.add(usage);
            }
        }
        for (PodUsage usage : assumed.values()) {
            if (name.equals(usage.nodeName())) {
                info.add(usage);
            }
        }
        nodes.put(name, info);
    }

    synchronized void removeNode(String name) {
        nodes.remove(name);
    }

    /** Counts, recounts or stops counting {@code pod} from its latest state. */
    synchronized void updatePod(Pod pod) {
        String key = pod.key();
        uncount(key);
        String nodeName = pod.getSpec().getNodeName();
        if (nodeName != null && !nodeName.isEmpty()) {
            forget(key);
        }
        PodUsage usage = usageOf(pod);
        if (usage == null) {
            return;
        }
        counted.put(key, usage);
        withNode(usage.nodeName(), node -> node.add(usage));
    }

    synchronized void removePod(String key) {
        uncount(key);
        forget(key);
    }

    /** Counts {@code usage} for a pod whose bind was just sent. */
    synchronized void assume(String key, PodUsage usage) {
        forget(key);
        assumed.put(key, usage);
        withNode(usage.nodeName(), node -> node.add(usage));
    }

    /** Stops counting an assumed pod, after its bind failed. Does nothing once the bind was seen. */
    synchronized void forget(String key) {
        PodUsage usage = assumed.remove(key);
        if (usage != null) {
            withNode(usage.nodeName(), node -> node.remove(usage));
        }
    }

    synchronized boolean isAssumed(String key) {
        return assumed.containsKey(key);
    }

    /** Runs {@code reader} on the nodes, sorted by name, with the cache locked. */
    synchronized <R> R read(Function<Collection<NodeInfo>, R> reader) {
        return reader.apply(nodes.values());
    }

    synchronized int nodeCount() {
        return nodes.size();
    }

    private void uncount(String key) {
        PodUsage usage = counted.remove(key);
        if (usage != null) {
            withNode(usage.nodeName(), node -> node.remove(usage));
        }
    }

    private void withNode(String name, java.util.function.Consumer<NodeInfo> action) {
        NodeInfo node = nodes.get(name);
        if (node != null) {
            action.accept(node);
        }
    }

    /** Returns what a pod takes from its node, or null when it takes nothing. */
    static PodUsage usageOf(Pod pod) {
        String nodeName = pod.getSpec().getNodeName();
        PodPhase phase = pod.getStatus() == null ? null : pod.getStatus().resolvedPhase();
        if (nodeName == null || nodeName.isEmpty() || (phase != null && phase.isTerminal())) {
            return null;
        }
        ResourceRequests requests;
        try {
            requests = ResourceRequests.of(pod.getSpec());
        } catch (IllegalArgumentException e) {
            requests = ResourceRequests.ZERO;
        }
        String provider = pod.getMetadata().getAnnotations().get(SELECTED_PROVIDER);
        return new PodUsage(nodeName, requests, PodUsage.scoringRequests(requests), provider);
    }
}
