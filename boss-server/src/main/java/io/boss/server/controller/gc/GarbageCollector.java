package io.boss.server.controller.gc;

import io.boss.api.model.OwnerReference;
import io.boss.api.model.Resource;
import io.boss.server.controller.Controller;
import io.boss.server.controller.ControllerStore;
import io.boss.server.controller.SharedInformers;
import io.boss.server.informer.Indexers;
import io.boss.server.informer.Informer;
import io.boss.server.informer.QueueWorkers;
import io.boss.server.informer.Reconciler;
import io.boss.server.informer.ResourceEventHandler;
import io.boss.server.informer.TypedCodec;
import io.boss.server.informer.WorkQueue;
import io.boss.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Background cascading deletion through owner references: an object all of whose owners are gone
 * is deleted. Deleting a Deployment therefore deletes its ReplicaSets, and each of those deletes
 * its pods, one level per step, as Kubernetes' garbage collector does with the default
 * {@code Background} propagation.
 *
 * <p>An owner counts as gone when no object of its kind, namespace and name exists with the uid the
 * reference names; a same-named object with a new uid is a different owner. An owner missing from
 * the cache is looked up in the store before anything is deleted, because a dependent can reach the
 * cache before its new owner does. Owners of kinds this collector does not watch (anything but
 * Deployment and ReplicaSet) are assumed to exist.
 *
 * <p>Deletes are compare-and-set on the dependent's revision, so a dependent that changed since it
 * was read is checked again instead of deleted.
 *
 * <p>On a thread of its own it also deletes events older than the event TTL (see
 * {@link EventExpiry}).
 */
public final class GarbageCollector implements Controller {

    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);
    private static final Duration NOT_SYNCED_DELAY = Duration.ofMillis(50);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final SharedInformers informers;
    private final ControllerStore store;
    private final long term;
    private final WorkQueue<ObjectRef> queue;
    private final QueueWorkers<ObjectRef> workers;
    private final EventExpiry eventExpiry;
    private final Duration eventSweepInterval;
    private ScheduledExecutorService eventSweeper;

    /** One object the collector checks: its kind and {@code namespace/name} key. */
    record ObjectRef(String kind, String key) {
    }

    public GarbageCollector(SharedInformers informers, ControllerStore store, int workerCount,
                            Duration retryBaseDelay, Duration retryMaxDelay, Duration eventTtl, long term) {
        this.informers = informers;
        this.store = store;
        this.term = term;
        this.eventExpiry = new EventExpiry(store, eventTtl, term);
        this.eventSweepInterval = EventExpiry.sweepInterval(eventTtl);
        this.queue = new WorkQueue<>(name(), retryBaseDelay, retryMaxDelay);
        this.workers = new QueueWorkers<>(name(), queue, this::reconcile, workerCount);
        informers.pods().addEventHandler(new Handler<>());
        informers.replicaSets().addEventHandler(new Handler<>());
        informers.deployments().addEventHandler(new Handler<>());
    }

    @Override
    public String name() {
        return "garbage-collector";
    }

    @Override
    public synchronized void start() {
        workers.start();
        eventSweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name() + "-events");
            thread.setDaemon(true);
            return thread;
        });
        eventSweeper.scheduleWithFixedDelay(this::sweepEventsSafely, eventSweepInterval.toMillis(),
                eventSweepInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        if (eventSweeper != null) {
            eventSweeper.shutdownNow();
            eventSweeper.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            eventSweeper = null;
        }
        workers.stop(STOP_TIMEOUT);
    }

    private void sweepEventsSafely() {
        try {
            eventExpiry.sweep();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (StoreException e) {
            LOG.debug("event sweep failed ({}: {}); trying again in {}", e.reason(), e.getMessage(), eventSweepInterval);
        } catch (RuntimeException e) {
            LOG.error("event sweep failed; trying again in {}", eventSweepInterval, e);
        }
    }

    Reconciler.Result reconcile(ObjectRef ref) throws InterruptedException {
        if (!informers.hasSynced()) {
            return Reconciler.Result.requeueAfter(NOT_SYNCED_DELAY);
        }
        Informer<? extends Resource> informer = informerOf(ref.kind());
        Resource dependent = informer == null ? null : informer.indexer().get(ref.key()).orElse(null);
        if (dependent == null || dependent.getMetadata().getOwnerReferences().isEmpty()) {
            return Reconciler.Result.done();
        }
        for (OwnerReference owner : dependent.getMetadata().getOwnerReferences()) {
            if (ownerExists(dependent, owner)) {
                return Reconciler.Result.done();
            }
        }

        try {
            delete(dependent);
        } catch (StoreException e) {
            if (ControllerStore.isLostRace(e)) {
                return Reconciler.Result.requeueWithBackoff();
            }
            throw e;
        }
        OwnerReference first = dependent.getMetadata().getOwnerReferences().get(0);
        LOG.info("garbage collected {} {} because its owner {} {} uid={} is gone term={}", dependent.getKind(),
                dependent.key(), first.getKind(), first.getName(), first.getUid(), term);
        return Reconciler.Result.done();
    }

    private boolean ownerExists(Resource dependent, OwnerReference owner) throws InterruptedException {
        Informer<? extends Resource> informer = informerOf(owner.getKind());
        TypedCodec<? extends Resource> codec = codecOf(owner.getKind());
        if (informer == null || codec == null || owner.getUid() == null) {
            return true;
        }
        String namespace = dependent.getMetadata().getNamespace();
        Optional<? extends Resource> cached = informer.indexer().get(namespace + "/" + owner.getName());
        if (cached.isPresent() && owner.getUid().equals(cached.get().getMetadata().getUid())) {
            return true;
        }
        Optional<? extends Resource> stored = store.get(codec, namespace, owner.getName());
        return stored.isPresent() && owner.getUid().equals(stored.get().getMetadata().getUid());
    }

    @SuppressWarnings("unchecked")
    private <T extends Resource> void delete(T dependent) throws InterruptedException {
        TypedCodec<T> codec = (TypedCodec<T>) codecOf(dependent.getKind());
        store.commit(List.of(store.delete(codec, dependent)));
    }

    private Informer<? extends Resource> informerOf(String kind) {
        return switch (kind == null ? "" : kind) {
            case "Pod" -> informers.pods();
            case "ReplicaSet" -> informers.replicaSets();
            case "Deployment" -> informers.deployments();
            default -> null;
        };
    }

    private static TypedCodec<? extends Resource> codecOf(String kind) {
        return Map.<String, TypedCodec<? extends Resource>>of(
                "Pod", ControllerStore.PODS,
                "ReplicaSet", ControllerStore.REPLICA_SETS,
                "Deployment", ControllerStore.DEPLOYMENTS).get(kind == null ? "" : kind);
    }

    /** Queues objects with owners when they appear or change, and an owner's dependents when it is deleted. */
    private final class Handler<T extends Resource> implements ResourceEventHandler<T> {

        @Override
        public void onAdd(T object) {
            enqueueIfOwned(object);
        }

        @Override
        public void onUpdate(T previous, T current) {
            if (!previous.getMetadata().getOwnerReferences().equals(current.getMetadata().getOwnerReferences())) {
                enqueueIfOwned(current);
            }
        }

        @Override
        public void onDelete(T last) {
            String uid = last.getMetadata().getUid();
            if (uid == null) {
                return;
            }
            for (Informer<? extends Resource> dependents : List.of(informers.pods(), informers.replicaSets())) {
                for (Resource dependent : dependents.indexer().byIndex(Indexers.OWNER_UID, uid)) {
                    queue.add(new ObjectRef(dependent.getKind(), dependent.key()));
                }
            }
        }

        private void enqueueIfOwned(T object) {
            if (!object.getMetadata().getOwnerReferences().isEmpty()) {
                queue.add(new ObjectRef(object.getKind(), object.key()));
            }
        }
    }
}
