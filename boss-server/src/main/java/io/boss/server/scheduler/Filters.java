package io.boss.server.scheduler;

import io.boss.api.model.Reason;
import io.boss.api.placement.Rejection;
import io.boss.api.placement.ResourceRequests;

import java.util.Optional;

/** The node-level filters of the pipeline; provider matching is in {@link PlacementPlanner}. */
final class Filters {

    private Filters() {
    }

    /** Rejects a node whose Ready condition is not True, or that an operator cordoned. */
    static final NodeFilter NODE_READY = (pod, node) -> {
        if (!node.ready()) {
            return Optional.of(new Rejection(Reason.Unschedulable, "node not ready", Rejection.STAGE_CLASS));
        }
        if (node.unschedulable()) {
            return Optional.of(new Rejection(Reason.Unschedulable, "node unschedulable", Rejection.STAGE_CLASS));
        }
        return Optional.empty();
    };

    /**
     * Rejects a node where the pod's cpu or memory requests exceed what is left of
     * {@code status.allocatable} after the pods counted there. A request of zero always fits; a
     * non-zero request on a node that reports no such allocatable resource does not.
     */
    static final NodeFilter RESOURCES_FIT = (pod, node) -> {
        ResourceRequests requested = pod.requests();
        ResourceRequests used = node.requested();
        Optional<Rejection> cpu = fits("cpu", requested.cpuMillis(), node.allocatableCpuMillis(), used.cpuMillis());
        if (cpu.isPresent()) {
            return cpu;
        }
        return fits("memory", requested.memoryBytes(), node.allocatableMemoryBytes(), used.memoryBytes());
    };

    private static Optional<Rejection> fits(String resource, long request, long allocatable, long used) {
        if (request == 0) {
            return Optional.empty();
        }
        if (allocatable == NodeInfo.UNKNOWN) {
            return Optional.of(new Rejection(Reason.InsufficientResources,
                    "no allocatable " + resource + " reported", Rejection.STAGE_RESOURCES));
        }
        long free = Math.max(0, allocatable - used);
        if (request <= free) {
            return Optional.empty();
        }
        String message = "insufficient " + resource + " (requested " + format(resource, request)
                + ", free " + format(resource, free) + ")";
        return Optional.of(new Rejection(Reason.InsufficientResources, message, Rejection.STAGE_RESOURCES));
    }

    /** Formats millicores as {@code 2} or {@code 500m}, and bytes with the largest exact binary suffix. */
    static String format(String resource, long value) {
        if (resource.equals("cpu")) {
            return value % 1000 == 0 ? Long.toString(value / 1000) : value + "m";
        }
        String[] suffixes = {"Ti", "Gi", "Mi", "Ki"};
        int[] shifts = {40, 30, 20, 10};
        for (int i = 0; i < suffixes.length; i++) {
            long unit = 1L << shifts[i];
            if (value >= unit && value % unit == 0) {
                return value / unit + suffixes[i];
            }
        }
        return Long.toString(value);
    }
}
