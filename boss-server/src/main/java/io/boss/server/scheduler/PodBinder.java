package io.boss.server.scheduler;

import io.boss.api.model.Condition;
import io.boss.api.model.ConditionTypes;
import io.boss.api.model.Conditions;
import io.boss.api.model.Pod;
import io.boss.api.model.PodPhase;
import io.boss.api.model.PodStatus;
import io.boss.api.model.Reason;
import io.boss.server.informer.TypedCodec;
import io.boss.store.KeyValue;
import io.boss.store.Operation;
import io.boss.store.ReadConsistency;
import io.boss.store.Registry;
import io.boss.store.StoreException;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Writes the scheduler's decisions to the store, always as compare-and-set on the pod's
 * resourceVersion, so a deposed leader or a stale cache can never bind a pod twice.
 *
 * <p>A bind that meets a newer revision reads the pod again: if it is still unbound and pending
 * the bind is tried once more on the new revision (up to {@link #MAX_BIND_ATTEMPTS} in all);
 * if another writer bound it, the bind reports {@link Outcome#ALREADY_BOUND}.
 */
final class PodBinder {

    static final String RESOLVED_SANDBOX_CLASS = "boss.io/resolved-sandbox-class";
    static final int MAX_BIND_ATTEMPTS = 3;

    enum Outcome {
        /** This call bound the pod. */
        BOUND,
        /** The pod was bound by someone else meanwhile. */
        ALREADY_BOUND,
        /** The pod was deleted, is being deleted, or left Pending. */
        GONE,
        /** Every attempt met a newer revision; schedule the pod again. */
        CONFLICT
    }

    private final Registry store;
    private final TypedCodec<Pod> codec;
    private final Clock clock;

    PodBinder(Registry store, TypedCodec<Pod> codec, Clock clock) {
        this.store = store;
        this.codec = codec;
        this.clock = clock;
    }

    /** Binds {@code pod} (as cached) to {@code nodeName} with {@code provider}. */
    CompletableFuture<Outcome> bind(Pod pod, String nodeName, String provider, String resolvedClass) {
        return bind(pod, nodeName, provider, resolvedClass, 1);
    }

    private CompletableFuture<Outcome> bind(Pod pod, String nodeName, String provider, String resolvedClass, int attempt) {
        Pod bound = codec.copy(pod);
        bound.getSpec().setNodeName(nodeName);
        bound.getMetadata().getAnnotations().put(RESOLVED_SANDBOX_CLASS, resolvedClass);
        bound.getMetadata().getAnnotations().put(SchedulerCache.SELECTED_PROVIDER, provider);
        PodStatus status = bound.getStatus();
        if (Reason.Unschedulable.name().equals(status.getReason())) {
            status.setReason(null);
            status.setMessage(null);
        }
        Conditions.set(status.getConditions(),
                new Condition(ConditionTypes.POD_SCHEDULED, Condition.TRUE, null, null), clock.instant());

        return write(pod, bound).thenApply(written -> Outcome.BOUND)
                .exceptionallyCompose(failure -> {
                    if (!isConflict(failure)) {
                        return notFound(failure) ? CompletableFuture.completedFuture(Outcome.GONE)
                                : CompletableFuture.failedFuture(unwrap(failure));
                    }
                    return reread(pod).thenCompose(current -> {
                        if (current == null || !Scheduler.needsScheduling(current)) {
                            boolean isBound = current != null && current.getSpec().getNodeName() != null
                                    && !current.getSpec().getNodeName().isEmpty();
                            return CompletableFuture.completedFuture(isBound ? Outcome.ALREADY_BOUND : Outcome.GONE);
                        }
                        if (attempt >= MAX_BIND_ATTEMPTS) {
                            return CompletableFuture.completedFuture(Outcome.CONFLICT);
                        }
                        return bind(current, nodeName, provider, resolvedClass, attempt + 1);
                    });
                });
    }

    /**
     * Records that {@code pod} fits nowhere: condition PodScheduled=False with reason
     * Unschedulable and {@code message}, status reason and message, phase Pending. Writes only
     * when something changed, so retries of an unschedulable pod cause no write storm. Completes
     * with true when it wrote.
     */
    CompletableFuture<Boolean> markUnschedulable(Pod pod, String message) {
        PodStatus current = pod.getStatus();
        String reason = Reason.Unschedulable.name();
        boolean unchanged = Objects.equals(current.getReason(), reason)
                && Objects.equals(current.getMessage(), message)
                && Conditions.find(current.getConditions(), ConditionTypes.POD_SCHEDULED)
                        .map(c -> Condition.FALSE.equals(c.getStatus()) && reason.equals(c.getReason())
                                && message.equals(c.getMessage()))
                        .orElse(false);
        if (unchanged) {
            return CompletableFuture.completedFuture(false);
        }

        Pod updated = codec.copy(pod);
        PodStatus status = updated.getStatus();
        if (status.getPhase() == null || status.getPhase().isEmpty()) {
            status.setPhase(PodPhase.PENDING.wireName());
        }
        status.setReason(reason);
        status.setMessage(message);
        Conditions.set(status.getConditions(),
                new Condition(ConditionTypes.POD_SCHEDULED, Condition.FALSE, reason, message), clock.instant());
        return write(pod, updated).thenApply(written -> true);
    }

    private CompletableFuture<KeyValue> write(Pod expected, Pod updated) {
        long revision = Long.parseLong(expected.getMetadata().getResourceVersion());
        Operation update = new Operation.Update(codec.key(expected), codec.encode(updated), revision);
        return store.commit(List.of(update)).thenApply(result -> result.entries().get(0));
    }

    private CompletableFuture<Pod> reread(Pod pod) {
        return store.get(codec.key(pod), ReadConsistency.LINEARIZABLE)
                .thenApply(entry -> entry == null ? null : codec.decode(entry));
    }

    static boolean isConflict(Throwable failure) {
        return unwrap(failure) instanceof StoreException e && e.reason() == StoreException.Reason.REVISION_MISMATCH;
    }

    private static boolean notFound(Throwable failure) {
        return unwrap(failure) instanceof StoreException e && e.reason() == StoreException.Reason.KEY_NOT_FOUND;
    }

    static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
