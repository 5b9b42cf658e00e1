package io.boss.server.scheduler;

import io.boss.api.model.Pod;
import io.boss.api.placement.PlacementIntent;
import io.boss.api.placement.Rejection;
import io.boss.api.placement.ResourceRequests;

import java.util.Optional;

/**
 * A pod prepared for one scheduling attempt: its resolved intent (or the rejection that applies on
 * every node), its requests and its requests for scoring.
 */
record PodRequest(Pod pod, Optional<PlacementIntent> intent, Optional<Rejection> invalid,
                  ResourceRequests requests, ResourceRequests scoringRequests) {

    static PodRequest of(Pod pod) {
        PlacementIntent.Resolution resolution = PlacementIntent.resolve(pod.getSpec());
        ResourceRequests requests;
        try {
            requests = ResourceRequests.of(pod.getSpec());
        } catch (IllegalArgumentException e) {
            Rejection rejection = new Rejection(io.boss.api.model.Reason.InvalidSpec,
                    "invalid resource request: " + e.getMessage(), Rejection.STAGE_RESOURCES);
            return new PodRequest(pod, Optional.empty(), Optional.of(rejection), ResourceRequests.ZERO, ResourceRequests.ZERO);
        }
        return new PodRequest(pod, resolution.intent(), resolution.rejection(), requests, PodUsage.scoringRequests(requests));
    }

    String key() {
        return pod.key();
    }

    /** Returns the pinned artifact digest, or null when the pod names none. */
    String artifactDigest() {
        return intent.map(PlacementIntent::artifactDigest).orElse(null);
    }
}
