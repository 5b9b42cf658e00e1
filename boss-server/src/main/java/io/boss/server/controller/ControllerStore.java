package io.boss.server.controller;

import io.boss.api.ResourceKind;
import io.boss.api.model.Deployment;
import io.boss.api.model.Lease;
import io.boss.api.model.Node;
import io.boss.api.model.Pod;
import io.boss.api.model.ReplicaSet;
import io.boss.api.model.Resource;
import io.boss.server.informer.TypedCodec;
import io.boss.store.KeyValue;
import io.boss.store.ListResult;
import io.boss.store.Operation;
import io.boss.store.ReadConsistency;
import io.boss.store.Registry;
import io.boss.store.StoreException;
import io.boss.store.WriteResult;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The controllers' access to the replicated store: fresh reads and atomic batches of typed
 * creates, compare-and-set updates and deletes, stored in the same JSON form as the API server
 * stores them.
 *
 * <p>Controllers write straight to the store, not through HTTP, so that one decision (for example
 * "create these 20 pods and record that on the ReplicaSet") commits as one Raft entry or not at
 * all. Every update and delete carries the resourceVersion the decision was based on, which is
 * what fences a deposed leader: its batch meets a newer revision and changes nothing.
 *
 * <p>Thread safety: stateless apart from the store; callable from any worker thread. Each call
 * blocks for at most {@code timeout}.
 */
public final class ControllerStore {

    public static final TypedCodec<Pod> PODS = TypedCodec.of(ResourceKind.POD, Pod.class);
    public static final TypedCodec<ReplicaSet> REPLICA_SETS = TypedCodec.of(ResourceKind.REPLICA_SET, ReplicaSet.class);
    public static final TypedCodec<Deployment> DEPLOYMENTS = TypedCodec.of(ResourceKind.DEPLOYMENT, Deployment.class);
    public static final TypedCodec<Node> NODES = TypedCodec.of(ResourceKind.NODE, Node.class);
    public static final TypedCodec<Lease> LEASES = TypedCodec.of(ResourceKind.LEASE, Lease.class);

    private final Registry store;
    private final Clock clock;
    private final Duration timeout;

    public ControllerStore(Registry store, Clock clock, Duration timeout) {
        this.store = store;
        this.clock = clock;
        this.timeout = timeout;
    }

    public Registry registry() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    /** Returns the create of a new object: uid, creation time and generation 1 are set here, on the proposing replica. */
    public <T extends Resource> Operation create(TypedCodec<T> codec, T object) {
        object.getMetadata().setUid(UUID.randomUUID().toString());
        object.getMetadata().setCreationTimestamp(clock.instant());
        object.getMetadata().setGeneration(1);
        object.getMetadata().setResourceVersion(null);
        return new Operation.Create(codec.key(object), codec.encode(object));
    }

    /** Returns the update of {@code object}, compare-and-set on its {@code metadata.resourceVersion}. */
    public <T extends Resource> Operation update(TypedCodec<T> codec, T object) {
        return new Operation.Update(codec.key(object), codec.encode(object), revisionOf(object));
    }

    /** Returns the delete of {@code object}, compare-and-set on its {@code metadata.resourceVersion}. */
    public <T extends Resource> Operation delete(TypedCodec<T> codec, T object) {
        return new Operation.Delete(codec.key(object), revisionOf(object));
    }

    /** Commits {@code operations} as one atomic batch and returns its revision. */
    public long commit(List<Operation> operations) throws InterruptedException {
        WriteResult result = await(store.commit(operations));
        return result.revision();
    }

    /** Reads every object of a kind in {@code namespace} (every namespace when null), linearizably. */
    public <T extends Resource> List<T> list(TypedCodec<T> codec, String namespace) throws InterruptedException {
        String prefix = namespace == null ? codec.prefix() : codec.prefix() + namespace + "/";
        ListResult result = await(store.list(prefix, ReadConsistency.LINEARIZABLE));
        List<T> items = new ArrayList<>(result.entries().size());
        for (KeyValue entry : result.entries()) {
            items.add(codec.decode(entry));
        }
        return items;
    }

    /** Reads one object linearizably. */
    public <T extends Resource> Optional<T> get(TypedCodec<T> codec, String namespace, String name)
            throws InterruptedException {
        KeyValue entry = await(store.get(codec.key(namespace, name), ReadConsistency.LINEARIZABLE));
        return entry == null ? Optional.empty() : Optional.of(codec.decode(entry));
    }

    /** Returns true when {@code failure} means that another writer won: a newer revision, or a key that appeared or vanished. */
    public static boolean isLostRace(Throwable failure) {
        return failure instanceof StoreException e && (e.reason() == StoreException.Reason.REVISION_MISMATCH
                || e.reason() == StoreException.Reason.KEY_EXISTS
                || e.reason() == StoreException.Reason.KEY_NOT_FOUND);
    }

    private static long revisionOf(Resource object) {
        String resourceVersion = object.getMetadata().getResourceVersion();
        if (resourceVersion == null || resourceVersion.isEmpty()) {
            throw new IllegalArgumentException(object.getKind() + " " + object.key()
                    + " has no resourceVersion; controllers only write objects they have read");
        }
        return Long.parseLong(resourceVersion);
    }

    private <R> R await(CompletableFuture<R> future) throws InterruptedException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new StoreException(StoreException.Reason.TIMEOUT, null,
                    "the store did not answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StoreException(StoreException.Reason.INTERNAL, null, "store call failed: " + e.getCause(),
                    e.getCause());
        }
    }
}
