package io.boss.server.informer;

import io.boss.api.model.Resource;
import io.boss.store.KeyValue;
import io.boss.store.ReadConsistency;
import io.boss.store.Registry;
import io.boss.store.StoreException;
import io.boss.store.Watch;
import io.boss.store.WatchEvent;
import io.boss.store.WatchListener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Lists and watches one kind directly in this replica's {@link Registry}, without HTTP.
 *
 * <p>Lists read this replica's applied state ({@link ReadConsistency#LOCAL}) with no Raft round
 * trip. Its only users are the leader-only scheduler and controllers, which normally start once
 * the new leader has applied the first entry of its term, so that state already contains every
 * earlier write. A linearizable list would add a read-index round. Right after a failover that
 * round may first go to the old leader and wait until the Ratis client gives up on it, which took
 * up to 6 s in the controllers benchmark. A list that is stale anyway, as on a leader that
 * is deposed and has not noticed yet, is caught up by the watch from the list's revision. Every
 * write of these components is compare-and-set, so a write based on stale objects fails instead of
 * overwriting newer ones.
 */
public final class StoreListerWatcher<T extends Resource> implements ListerWatcher<T> {

    private final Registry registry;
    private final TypedCodec<T> codec;

    public StoreListerWatcher(Registry registry, TypedCodec<T> codec) {
        this.registry = registry;
        this.codec = codec;
    }

    @Override
    public Listing<T> list() {
        try {
            var result = registry.list(codec.prefix(), ReadConsistency.LOCAL).get();
            List<T> items = new ArrayList<>(result.entries().size());
            for (KeyValue entry : result.entries()) {
                items.add(codec.decode(entry));
            }
            return new Listing<>(result.revision(), items);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Reason.CLOSED, null, "interrupted while listing " + codec.prefix());
        } catch (ExecutionException | CompletionException e) {
            throw asStoreException(e.getCause());
        }
    }

    @Override
    public Watch watch(long fromRevision, Consumer<ObjectEvent<T>> onEvent, Consumer<StoreException> onClosed) {
        return registry.watch(codec.prefix(), fromRevision, new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                onEvent.accept(toObjectEvent(event));
            }

            @Override
            public void onClosed(StoreException cause) {
                onClosed.accept(cause);
            }
        });
    }

    private ObjectEvent<T> toObjectEvent(WatchEvent event) {
        if (event.type() == WatchEvent.Type.DELETE) {
            KeyValue last = event.previous() != null ? event.previous() : event.entry();
            return new ObjectEvent<>(ObjectEvent.Type.DELETED, codec.decode(last), event.revision());
        }
        ObjectEvent.Type type = event.isCreate() ? ObjectEvent.Type.ADDED : ObjectEvent.Type.MODIFIED;
        return new ObjectEvent<>(type, codec.decode(event.entry()), event.revision());
    }

    private static StoreException asStoreException(Throwable cause) {
        if (cause instanceof StoreException storeException) {
            return storeException;
        }
        return new StoreException(StoreException.Reason.INTERNAL, null, "list failed: " + cause, cause);
    }
}
