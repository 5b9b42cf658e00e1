package io.boss.server.scheduler;

import io.boss.api.placement.Rejection;

import java.util.Optional;

/**
 * One step of the filter pipeline: returns why {@code node} cannot run {@code pod}, or empty.
 * Called under the scheduler cache's lock for every node, so it must be cheap and must not block.
 */
interface NodeFilter {

    Optional<Rejection> filter(PodRequest pod, NodeInfo node);
}
