package io.boss.server.scheduler;

import io.boss.api.model.ProviderStatus;
import io.boss.api.model.Reason;
import io.boss.api.placement.PlacementIntent;
import io.boss.api.placement.ProviderSelector;
import io.boss.api.placement.Rejection;
import io.boss.api.placement.ResourceRequests;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Chooses a node and provider for one pod: every node goes through the filter pipeline, the nodes
 * left are scored, and the best one wins. O(nodes) per pod, with O(providers) work per node.
 *
 * <p>Pipeline, in order, each step recording why it rejects: {@link Filters#NODE_READY}; a provider
 * of the node that matches the intent and has capacity ({@link ProviderSelector}); then
 * {@link Filters#RESOURCES_FIT}.
 *
 * <p>Scoring, deterministic: the node with the lowest mean of its cpu and memory fractions after
 * placement wins, compared in whole percent; among equal percentages a node whose chosen provider
 * already caches the pod's artifact digest wins; then the smaller node name.
 */
final class PlacementPlanner {

    /** Nodes named one by one in an unschedulable message; the rest are counted by reason. */
    static final int MAX_NODES_IN_MESSAGE = 10;

    Decision plan(PodRequest pod, Collection<NodeInfo> nodes) {
        Candidate best = null;
        Map<String, Rejection> rejections = new TreeMap<>();

        for (NodeInfo node : nodes) {
            Optional<Rejection> rejection = pod.invalid();
            ProviderStatus provider = null;
            if (rejection.isEmpty()) {
                rejection = Filters.NODE_READY.filter(pod, node);
            }
            if (rejection.isEmpty()) {
                ProviderSelector.Selection selection = ProviderSelector.select(pod.intent().orElseThrow(),
                        node.providers(), status -> node.sandboxes(status.getName()));
                rejection = selection.rejection();
                provider = selection.provider().orElse(null);
            }
            if (rejection.isEmpty()) {
                rejection = Filters.RESOURCES_FIT.filter(pod, node);
            }

            if (rejection.isPresent()) {
                rejections.put(node.name(), rejection.get());
                continue;
            }
            Candidate candidate = score(pod, node, provider);
            if (best == null || candidate.betterThan(best)) {
                best = candidate;
            }
        }

        if (best != null) {
            return Decision.place(best.node().name(), best.provider().getName());
        }
        return Decision.unschedulable(message(nodes.size(), rejections));
    }

    private static Candidate score(PodRequest pod, NodeInfo node, ProviderStatus provider) {
        ResourceRequests after = node.requestedForScoring().plus(pod.scoringRequests());
        double cpu = fraction(after.cpuMillis(), node.allocatableCpuMillis());
        double memory = fraction(after.memoryBytes(), node.allocatableMemoryBytes());
        int allocatedPercent = (int) Math.floor((cpu + memory) / 2 * 100);

        String digest = pod.artifactDigest();
        boolean cached = digest != null && provider.getCachedArtifacts().contains(digest);
        return new Candidate(node, provider, allocatedPercent, cached);
    }

    private static double fraction(long used, long allocatable) {
        if (allocatable <= 0) {
            return 1.0;
        }
        return Math.min(1.0, (double) used / allocatable);
    }

    /** Builds {@code 0/N nodes available: a: why; b: why}, naming at most {@link #MAX_NODES_IN_MESSAGE} nodes. */
    static String message(int nodeCount, Map<String, Rejection> rejections) {
        if (nodeCount == 0) {
            return "0/0 nodes available: no nodes registered";
        }
        StringBuilder message = new StringBuilder("0/").append(nodeCount).append(" nodes available: ");
        List<String> parts = new ArrayList<>();
        Map<Reason, Integer> remaining = new TreeMap<>();
        for (Map.Entry<String, Rejection> entry : rejections.entrySet()) {
            if (parts.size() < MAX_NODES_IN_MESSAGE) {
                parts.add(entry.getKey() + ": " + entry.getValue().message());
            } else {
                remaining.merge(entry.getValue().reason(), 1, Integer::sum);
            }
        }
        message.append(String.join("; ", parts));
        if (!remaining.isEmpty()) {
            List<String> counts = new ArrayList<>();
            remaining.forEach((reason, count) -> counts.add(count + " " + reason));
            message.append("; and ").append(rejections.size() - parts.size()).append(" more nodes (")
                    .append(String.join(", ", counts)).append(")");
        }
        return message.toString();
    }

    private record Candidate(NodeInfo node, ProviderStatus provider, int allocatedPercent, boolean cached) {

        boolean betterThan(Candidate other) {
            if (allocatedPercent != other.allocatedPercent) {
                return allocatedPercent < other.allocatedPercent;
            }
            if (cached != other.cached) {
                return cached;
            }
            return node.name().compareTo(other.node.name()) < 0;
        }
    }

    /** Returns the class name the bind records, from the pod's resolved intent. */
    static String resolvedClass(PodRequest pod) {
        return pod.intent().map(PlacementIntent::sandboxClass).map(c -> c.wireName()).orElseThrow();
    }
}
