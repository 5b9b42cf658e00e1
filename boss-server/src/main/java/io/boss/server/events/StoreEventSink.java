package io.boss.server.events;

import io.boss.api.ResourceKind;
import io.boss.api.events.EventSink;
import io.boss.api.events.EventWrite;
import io.boss.api.model.Event;
import io.boss.server.informer.TypedCodec;
import io.boss.store.Operation;
import io.boss.store.Registry;
import io.boss.store.StoreException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stores the events of the leader's services straight in the replicated store, as the controllers
 * store their objects. A batch of writes is committed as one Raft entry. When the batch fails on
 * one key, for example because the garbage collector deleted an event that is being updated, its
 * writes are tried again one at a time, so that one bad write does not drop the others.
 *
 * <p>Events carry their own uid and creation time, set by the recorder. Replacements are not
 * compare-and-set, because only the recorder that created an event updates it. Called from one
 * broadcaster's writer thread; each commit blocks for at most {@code timeout}.
 */
public final class StoreEventSink implements EventSink {

    /** Codec of stored events. */
    public static final TypedCodec<Event> EVENTS = TypedCodec.of(ResourceKind.EVENT, Event.class);

    private final Registry store;
    private final Duration timeout;

    public StoreEventSink(Registry store, Duration timeout) {
        this.store = store;
        this.timeout = timeout;
    }

    @Override
    public void write(EventWrite write) {
        commit(List.of(operation(write)));
    }

    @Override
    public List<Failure> writeAll(List<EventWrite> writes) {
        if (writes.size() > 1) {
            List<Operation> operations = new ArrayList<>(writes.size());
            for (EventWrite write : writes) {
                operations.add(operation(write));
            }
            try {
                commit(operations);
                return List.of();
            } catch (StoreException e) {
                if (!isPerKeyFailure(e)) {
                    return writes.stream().map(write -> new Failure(write, e)).toList();
                }
            }
        }
        return EventSink.super.writeAll(writes);
    }

    /** Returns true when one write of the batch failed on its key, so the others may still succeed alone. */
    private static boolean isPerKeyFailure(StoreException e) {
        return e.reason() == StoreException.Reason.KEY_EXISTS || e.reason() == StoreException.Reason.KEY_NOT_FOUND
                || e.reason() == StoreException.Reason.REVISION_MISMATCH;
    }

    private static Operation operation(EventWrite write) {
        String key = EVENTS.key(write.event());
        byte[] value = EVENTS.encode(write.event());
        return write.create() ? new Operation.Create(key, value) : new Operation.Update(key, value, Operation.ANY_REVISION);
    }

    private void commit(List<Operation> operations) {
        CompletableFuture<?> future = store.commit(operations);
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new StoreException(StoreException.Reason.TIMEOUT, null,
                    "the store did not answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Reason.TIMEOUT, null, "interrupted while writing events");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StoreException(StoreException.Reason.INTERNAL, null, "event write failed: " + e.getCause(),
                    e.getCause());
        }
    }
}
