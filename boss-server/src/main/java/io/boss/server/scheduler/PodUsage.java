package io.boss.server.scheduler;

import io.boss.api.placement.ResourceRequests;

/**
 * What one pod takes from its node: its requests, the requests used for scoring (with defaults
 * for a pod that requests nothing), and the provider that runs it (null when unknown).
 */
record PodUsage(String nodeName, ResourceRequests requests, ResourceRequests scoringRequests, String provider) {

    /** Cpu counted for scoring when a pod requests none, as kube-scheduler does: 100m. */
    static final long DEFAULT_SCORING_CPU_MILLIS = 100;
    /** Memory counted for scoring when a pod requests none, as kube-scheduler does: 200Mi. */
    static final long DEFAULT_SCORING_MEMORY_BYTES = 200L << 20;

    static ResourceRequests scoringRequests(ResourceRequests requests) {
        return new ResourceRequests(
                requests.cpuMillis() == 0 ? DEFAULT_SCORING_CPU_MILLIS : requests.cpuMillis(),
                requests.memoryBytes() == 0 ? DEFAULT_SCORING_MEMORY_BYTES : requests.memoryBytes());
    }
}
