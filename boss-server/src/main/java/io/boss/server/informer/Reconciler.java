package io.boss.server.informer;

import java.time.Duration;

/**
 * Brings the object behind one key to its desired state. Called by {@link QueueWorkers}, never
 * twice at once for the same key.
 */
@FunctionalInterface
public interface Reconciler<K> {

    /**
     * Reconciles {@code key}. An exception means "retry with backoff"; the workers log it at DEBUG
     * while retries remain and at WARN from the fifth failure on.
     */
    Result reconcile(K key) throws Exception;

    /** What to do with the key after a reconcile that did not throw. */
    record Result(boolean requeue, Duration requeueAfter) {

        private static final Result DONE = new Result(false, Duration.ZERO);
        private static final Result RATE_LIMITED = new Result(true, Duration.ZERO);

        /** The key reached its state: forget its failures and do not requeue. */
        public static Result done() {
            return DONE;
        }

        /** Requeue with the queue's exponential backoff, counting one more failure. */
        public static Result requeueWithBackoff() {
            return RATE_LIMITED;
        }

        /** Forget the failures and requeue after {@code delay}. */
        public static Result requeueAfter(Duration delay) {
            return new Result(true, delay);
        }
    }
}
