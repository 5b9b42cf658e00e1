package io.boss.node.sync;

import io.boss.api.model.Pod;

/** Writes a pod's status through the status subresource. */
public interface PodStatusWriter {

    /**
     * Writes {@code pod}'s status with compare-and-set on its {@code metadata.resourceVersion},
     * and returns the stored pod, or empty when the pod no longer exists.
     *
     * @throws StaleResourceVersionException when the pod changed since it was read; the caller
     *     reconciles again from the newer version
     */
    java.util.Optional<Pod> writeStatus(Pod pod) throws StaleResourceVersionException;

    /** Signals that a status write lost a compare-and-set race. */
    final class StaleResourceVersionException extends Exception {

        public StaleResourceVersionException(String message) {
            super(message);
        }
    }
}
