package io.boss.server.scheduler;

import io.boss.api.Quantity;
import io.boss.api.model.Condition;
import io.boss.api.model.ConditionTypes;
import io.boss.api.model.Conditions;
import io.boss.api.model.Node;
import io.boss.api.model.ProviderStatus;
import io.boss.api.placement.ResourceRequests;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One node as the scheduler sees it: the reported node, values parsed once from it, and running
 * totals of the pods bound or assumed onto it. Totals change only through {@link SchedulerCache},
 * under its lock, so a filter reads them in O(1).
 */
final class NodeInfo {

    /** Marks an allocatable resource the node did not report, or reported in a malformed form. */
    static final long UNKNOWN = -1;

    private final Node node;
    private final boolean ready;
    private final long allocatableCpuMillis;
    private final long allocatableMemoryBytes;
    private final Map<String, Integer> sandboxesByProvider = new HashMap<>();
    private ResourceRequests requested = ResourceRequests.ZERO;
    private ResourceRequests requestedForScoring = ResourceRequests.ZERO;

    NodeInfo(Node node) {
        this.node = node;
        this.ready = Conditions.isTrue(node.getStatus().getConditions(), ConditionTypes.READY);
        this.allocatableCpuMillis = parse(node.getStatus().getAllocatable().get("cpu"), true);
        this.allocatableMemoryBytes = parse(node.getStatus().getAllocatable().get("memory"), false);
    }

    /** Returns a copy for an updated node report that keeps the totals of the pods already counted. */
    NodeInfo withNode(Node updated) {
        NodeInfo copy = new NodeInfo(updated);
        copy.sandboxesByProvider.putAll(sandboxesByProvider);
        copy.requested = requested;
        copy.requestedForScoring = requestedForScoring;
        return copy;
    }

    String name() {
        return node.getMetadata().getName();
    }

    Node node() {
        return node;
    }

    boolean ready() {
        return ready;
    }

    boolean unschedulable() {
        return node.getSpec() != null && node.getSpec().isUnschedulable();
    }

    List<ProviderStatus> providers() {
        var capabilities = node.getStatus().getRuntimeCapabilities();
        return capabilities == null ? List.of() : capabilities.getProviders();
    }

    long allocatableCpuMillis() {
        return allocatableCpuMillis;
    }

    long allocatableMemoryBytes() {
        return allocatableMemoryBytes;
    }

    ResourceRequests requested() {
        return requested;
    }

    ResourceRequests requestedForScoring() {
        return requestedForScoring;
    }

    int sandboxes(String provider) {
        return sandboxesByProvider.getOrDefault(provider, 0);
    }

    void add(PodUsage usage) {
        requested = requested.plus(usage.requests());
        requestedForScoring = requestedForScoring.plus(usage.scoringRequests());
        if (usage.provider() != null) {
            sandboxesByProvider.merge(usage.provider(), 1, Integer::sum);
        }
    }

    void remove(PodUsage usage) {
        requested = requested.minus(usage.requests());
        requestedForScoring = requestedForScoring.minus(usage.scoringRequests());
        if (usage.provider() != null) {
            sandboxesByProvider.computeIfPresent(usage.provider(), (name, count) -> count <= 1 ? null : count - 1);
        }
    }

    /** Returns true when a change from {@code previous} to {@code current} can make a pod fit that did not. */
    static boolean placementChanged(Node previous, Node current) {
        return previous.getSpec().isUnschedulable() != current.getSpec().isUnschedulable()
                || !readyOf(previous).equals(readyOf(current))
                || !previous.getStatus().getAllocatable().equals(current.getStatus().getAllocatable())
                || !java.util.Objects.equals(previous.getStatus().getRuntimeCapabilities(),
                        current.getStatus().getRuntimeCapabilities());
    }

    private static String readyOf(Node node) {
        return Conditions.find(node.getStatus().getConditions(), ConditionTypes.READY)
                .map(Condition::getStatus).orElse("");
    }

    private static long parse(String quantity, boolean cpu) {
        if (quantity == null) {
            return UNKNOWN;
        }
        try {
            return cpu ? Quantity.toMillicores(quantity) : Quantity.toBytes(quantity);
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
