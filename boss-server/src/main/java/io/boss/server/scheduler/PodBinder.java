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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes the scheduler's decisions to the store, always as compare-and-set on the pod's
 * resourceVersion, so a deposed leader or a stale cache can never bind a pod twice.
 *
 * <p>Binds are grouped: each waits in a queue and up to {@code maxBatch} of them go out as one
 * atomic multi-key commit, with at most {@code maxBatchesInFlight} commits outstanding, so the
 * bind rate is not bounded by one Raft round trip per pod. A batch is all-or-nothing, so when
 * one pod in it changed meanwhile the whole batch fails; its binds are then sent one by one.
 *
 * <p>A single bind that meets a newer revision reads the pod again: if it is still unbound and
 * pending the bind is tried once more on the new revision (up to {@link #MAX_BIND_ATTEMPTS} in
 * all); if another writer bound it, the bind reports {@link Outcome#ALREADY_BOUND}.
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
    private final int maxBatch;
    private final int maxBatchesInFlight;
    private final Queue<PendingBind> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger batchesInFlight = new AtomicInteger();
    /**
     * The one thread that sends commits and reacts to their results. Sending a new commit from a
     * Ratis client completion thread stalled the client's ordered request window (seen as 5 s
     * write timeouts under load), so no commit is sent from a completion callback.
     */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "scheduler-binder");
        thread.setDaemon(true);
        return thread;
    });

    PodBinder(Registry store, TypedCodec<Pod> codec, Clock clock, int maxBatch, int maxBatchesInFlight) {
        this.store = store;
        this.codec = codec;
        this.clock = clock;
        this.maxBatch = maxBatch;
        this.maxBatchesInFlight = maxBatchesInFlight;
    }

    /** Binds {@code pod} (as cached) to {@code nodeName} with {@code provider}, batched with other binds. */
    CompletableFuture<Outcome> bind(Pod pod, String nodeName, String provider, String resolvedClass) {
        PendingBind bind = new PendingBind(pod, boundCopy(pod, nodeName, provider, resolvedClass),
                nodeName, provider, resolvedClass, new CompletableFuture<>());
        pending.add(bind);
        try {
            sender.execute(this::sendBatches);
        } catch (RejectedExecutionException e) {
            pending.remove(bind);
            bind.result().completeExceptionally(new IllegalStateException("binder is closed", e));
        }
        return bind.result();
    }

    /** Stops the sender thread; binds still queued never complete, which matters only after leadership is lost. */
    void close() {
        sender.shutdownNow();
    }

    /** Sends queued binds while fewer than {@code maxBatchesInFlight} batches are outstanding. */
    private void sendBatches() {
        while (!pending.isEmpty()) {
            int inFlight = batchesInFlight.get();
            if (inFlight >= maxBatchesInFlight) {
                return;
            }
            if (!batchesInFlight.compareAndSet(inFlight, inFlight + 1)) {
                continue;
            }
            List<PendingBind> batch = drainBatch();
            if (batch.isEmpty()) {
                batchesInFlight.decrementAndGet();
                continue;
            }
            commitBatch(batch).whenComplete((unused, failure) -> {
                batchesInFlight.decrementAndGet();
                sendBatches();
            });
        }
    }

    private List<PendingBind> drainBatch() {
        List<PendingBind> batch = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        List<PendingBind> later = new ArrayList<>();
        PendingBind next;
        while (batch.size() < maxBatch && (next = pending.poll()) != null) {
            // A batch may name each key once; a second bind of the same pod waits for the next batch.
            if (keys.add(next.pod().key())) {
                batch.add(next);
            } else {
                later.add(next);
            }
        }
        pending.addAll(later);
        return batch;
    }

    private CompletableFuture<Void> commitBatch(List<PendingBind> batch) {
        List<Operation> operations = new ArrayList<>(batch.size());
        for (PendingBind bind : batch) {
            long revision = Long.parseLong(bind.pod().getMetadata().getResourceVersion());
            operations.add(new Operation.Update(codec.key(bind.pod()), codec.encode(bind.bound()), revision));
        }
        return store.commit(operations).handleAsync((result, failure) -> {
            if (failure == null) {
                batch.forEach(bind -> bind.result().complete(Outcome.BOUND));
            } else if (batch.size() > 1 && (isConflict(failure) || notFound(failure))) {
                for (PendingBind bind : batch) {
                    bindOne(bind.pod(), bind.nodeName(), bind.provider(), bind.resolvedClass(), 1)
                            .whenComplete((outcome, error) -> complete(bind.result(), outcome, error));
                }
            } else if (batch.size() == 1 && (isConflict(failure) || notFound(failure))) {
                PendingBind bind = batch.get(0);
                afterSingleFailure(bind.pod(), bind.nodeName(), bind.provider(), bind.resolvedClass(), 1, failure)
                        .whenComplete((outcome, error) -> complete(bind.result(), outcome, error));
            } else {
                batch.forEach(bind -> bind.result().completeExceptionally(unwrap(failure)));
            }
            return null;
        }, sender);
    }

    private static void complete(CompletableFuture<Outcome> result, Outcome outcome, Throwable error) {
        if (error != null) {
            result.completeExceptionally(unwrap(error));
        } else {
            result.complete(outcome);
        }
    }

    private CompletableFuture<Outcome> bindOne(Pod pod, String nodeName, String provider, String resolvedClass, int attempt) {
        Pod bound = boundCopy(pod, nodeName, provider, resolvedClass);
        return write(pod, bound).thenApply(written -> Outcome.BOUND)
                .exceptionallyComposeAsync(failure -> afterSingleFailure(pod, nodeName, provider, resolvedClass, attempt, failure),
                        sender);
    }

    private CompletableFuture<Outcome> afterSingleFailure(Pod pod, String nodeName, String provider, String resolvedClass,
                                                          int attempt, Throwable failure) {
        if (!isConflict(failure)) {
            return notFound(failure) ? CompletableFuture.completedFuture(Outcome.GONE)
                    : CompletableFuture.failedFuture(unwrap(failure));
        }
        return reread(pod).thenComposeAsync(current -> {
            if (current == null || !Scheduler.needsScheduling(current)) {
                boolean isBound = current != null && current.getSpec().getNodeName() != null
                        && !current.getSpec().getNodeName().isEmpty();
                return CompletableFuture.completedFuture(isBound ? Outcome.ALREADY_BOUND : Outcome.GONE);
            }
            if (attempt >= MAX_BIND_ATTEMPTS) {
                return CompletableFuture.completedFuture(Outcome.CONFLICT);
            }
            return bindOne(current, nodeName, provider, resolvedClass, attempt + 1);
        }, sender);
    }

    private Pod boundCopy(Pod pod, String nodeName, String provider, String resolvedClass) {
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
        return bound;
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

    /** One bind waiting for its batch: the pod as cached, the object to write, and the caller's future. */
    private record PendingBind(Pod pod, Pod bound, String nodeName, String provider, String resolvedClass,
                               CompletableFuture<Outcome> result) {
    }

    static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
