package io.boss.server.controller.replicaset;

import io.boss.api.events.EventRecorder;
import io.boss.api.json.Serialization;
import io.boss.api.model.OwnerReference;
import io.boss.api.model.Pod;
import io.boss.api.model.ReplicaSet;
import io.boss.api.model.ReplicaSetStatus;
import io.boss.api.selector.LabelSelector;
import io.boss.api.validation.FieldError;
import io.boss.api.validation.ResourceValidator;
import io.boss.server.controller.Controller;
import io.boss.server.controller.ControllerStore;
import io.boss.server.controller.Pods;
import io.boss.server.controller.SharedInformers;
import io.boss.server.controller.WorkloadSelectors;
import io.boss.server.informer.Indexers;
import io.boss.server.informer.QueueWorkers;
import io.boss.server.informer.Reconciler;
import io.boss.server.informer.ResourceEventHandler;
import io.boss.server.informer.WorkQueue;
import io.boss.store.Operation;
import io.boss.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Creates and deletes the pods of each ReplicaSet until as many active pods as
 * {@code spec.replicas} exist, and keeps the ReplicaSet's status current.
 *
 * <p>Over-creation is prevented in two steps. A reconcile that would create or delete pods first
 * reads the namespace's pods again from the store, linearizably, so a slow cache cannot hide pods.
 * Then it commits the pod writes in one batch with a compare-and-set update of the ReplicaSet
 * itself. Every pod write of this controller goes through such a batch, so a batch computed from an
 * older view (a deposed leader's, or a concurrent worker's) meets a newer ReplicaSet revision and
 * changes nothing.
 *
 * <p>Pods that match the selector and have no controller are adopted; a pod with another
 * controller is never touched. Failed and Succeeded pods do not count as active, so a pod failed
 * with reason NodeLost is replaced. When scaling down, pods are deleted in {@link DeletionOrder}.
 *
 * <p>Threading: informer handlers only queue keys; {@code workers} threads reconcile, never two
 * at once for one ReplicaSet.
 */
public final class ReplicaSetController implements Controller {

    static final String REASON_INVALID_SELECTOR = "InvalidSelector";
    static final String REASON_INVALID_TEMPLATE = "InvalidTemplate";

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaSetController.class);
    private static final Duration NOT_SYNCED_DELAY = Duration.ofMillis(50);
    private static final Duration MORE_WORK_DELAY = Duration.ofMillis(1);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final SharedInformers informers;
    private final ControllerStore store;
    private final PodFactory podFactory;
    private final int maxPodsPerBatch;
    private final EventRecorder recorder;
    private final long term;
    private final WorkQueue<String> queue;
    private final QueueWorkers<String> workers;

    public ReplicaSetController(SharedInformers informers, ControllerStore store, RandomGenerator random,
                                int maxPodsPerBatch, int workerCount, Duration retryBaseDelay, Duration retryMaxDelay,
                                EventRecorder recorder, long term) {
        this.informers = informers;
        this.store = store;
        this.podFactory = new PodFactory(random);
        this.maxPodsPerBatch = maxPodsPerBatch;
        this.recorder = recorder;
        this.term = term;
        this.queue = new WorkQueue<>(name(), retryBaseDelay, retryMaxDelay);
        this.workers = new QueueWorkers<>(name(), queue, this::reconcile, workerCount);
        informers.replicaSets().addEventHandler(new ReplicaSetHandler());
        informers.pods().addEventHandler(new PodHandler());
    }

    @Override
    public String name() {
        return "replicaset";
    }

    @Override
    public void start() {
        workers.start();
    }

    @Override
    public void stop() throws InterruptedException {
        workers.stop(STOP_TIMEOUT);
    }

    Reconciler.Result reconcile(String key) throws InterruptedException {
        if (!informers.hasSynced()) {
            return Reconciler.Result.requeueAfter(NOT_SYNCED_DELAY);
        }
        ReplicaSet replicaSet = informers.replicaSets().indexer().get(key).orElse(null);
        if (replicaSet == null || replicaSet.getMetadata().getDeletionTimestamp() != null) {
            return Reconciler.Result.done();
        }

        String problem = selectorProblem(replicaSet);
        if (problem != null) {
            return writeStatus(replicaSet, List.of(), REASON_INVALID_SELECTOR, problem);
        }
        LabelSelector selector = LabelSelector.of(replicaSet.getSpec().getSelector());

        PodView cached = PodView.of(replicaSet, selector, namespacePods(replicaSet));
        if (cached.active().size() == replicaSet.getSpec().desiredReplicas() && cached.orphans().isEmpty()) {
            return writeStatus(replicaSet, cached.active(), null, null);
        }

        try {
            return scale(replicaSet, selector);
        } catch (StoreException e) {
            if (ControllerStore.isLostRace(e)) {
                LOG.debug("replicaset={} lost a write race ({}); reconciling again", key, e.getMessage());
                return Reconciler.Result.requeueWithBackoff();
            }
            throw e;
        }
    }

    /** Creates, deletes or adopts pods from a fresh read, in one batch fenced by the ReplicaSet's revision. */
    private Reconciler.Result scale(ReplicaSet replicaSet, LabelSelector selector) throws InterruptedException {
        List<Pod> fresh = store.list(ControllerStore.PODS, replicaSet.getMetadata().getNamespace());
        PodView view = PodView.of(replicaSet, selector, fresh);
        List<Operation> operations = new ArrayList<>();
        List<Pod> active = new ArrayList<>(view.active());

        List<Pod> adopted = adopt(replicaSet, view.orphans());
        for (Pod pod : adopted) {
            operations.add(store.update(ControllerStore.PODS, pod));
        }
        active.addAll(adopted);

        int desired = replicaSet.getSpec().desiredReplicas();
        int missing = desired - active.size();
        List<Pod> created = List.of();
        List<Pod> deleted = List.of();
        if (missing > 0) {
            List<Pod> pods = newPods(replicaSet, Math.min(missing, maxPodsPerBatch));
            List<FieldError> errors = ResourceValidator.validate(pods.get(0));
            if (!errors.isEmpty()) {
                String message = "pods built from spec.template are invalid: " + errors;
                return writeStatus(replicaSet, active, REASON_INVALID_TEMPLATE, message);
            }
            for (Pod pod : pods) {
                operations.add(store.create(ControllerStore.PODS, pod));
            }
            active.addAll(pods);
            created = pods;
        } else if (missing < 0) {
            List<Pod> victims = new ArrayList<>(active);
            victims.sort(DeletionOrder.INSTANCE);
            victims = victims.subList(0, Math.min(-missing, maxPodsPerBatch));
            for (Pod pod : victims) {
                operations.add(store.delete(ControllerStore.PODS, pod));
            }
            active.removeAll(victims);
            deleted = victims;
        }

        ReplicaSet updated = Serialization.copy(replicaSet);
        updated.setStatus(ReplicaSetStatuses.compute(replicaSet, active, null, null, store.clock().instant()));
        operations.add(store.update(ControllerStore.REPLICA_SETS, updated));
        store.commit(operations);

        if (!created.isEmpty() || !deleted.isEmpty() || !adopted.isEmpty()) {
            LOG.info("replicaset={} created={} deleted={} adopted={} pods={} desired={} term={}", replicaSet.key(),
                    created.size(), deleted.size(), adopted.size(), active.size(), desired, term);
        }
        for (Pod pod : created) {
            recorder.normal(replicaSet, "SuccessfulCreate", "Created pod " + pod.getMetadata().getName());
        }
        for (Pod pod : deleted) {
            recorder.normal(replicaSet, "SuccessfulDelete", "Deleted pod " + pod.getMetadata().getName());
        }
        boolean moreWork = active.size() != desired || adopted.size() < view.orphans().size();
        return moreWork ? Reconciler.Result.requeueAfter(MORE_WORK_DELAY) : Reconciler.Result.done();
    }

    private List<Pod> adopt(ReplicaSet replicaSet, List<Pod> orphans) {
        List<Pod> adopted = new ArrayList<>();
        for (Pod orphan : orphans.subList(0, Math.min(orphans.size(), maxPodsPerBatch))) {
            Pod pod = Serialization.copy(orphan);
            List<OwnerReference> owners = new ArrayList<>(pod.getMetadata().getOwnerReferences());
            owners.add(OwnerReference.controllerOf(replicaSet));
            pod.getMetadata().setOwnerReferences(owners);
            adopted.add(pod);
        }
        return adopted;
    }

    private List<Pod> newPods(ReplicaSet replicaSet, int count) {
        List<Pod> pods = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pods.add(podFactory.newPod(replicaSet));
        }
        return pods;
    }

    /** Writes the status computed from {@code active} when it differs from the stored one. */
    private Reconciler.Result writeStatus(ReplicaSet replicaSet, List<Pod> active, String degradedReason,
                                          String degradedMessage) throws InterruptedException {
        Instant now = store.clock().instant();
        ReplicaSetStatus status = ReplicaSetStatuses.compute(replicaSet, active, degradedReason, degradedMessage, now);
        if (!status.equals(replicaSet.getStatus())) {
            ReplicaSet updated = Serialization.copy(replicaSet);
            updated.setStatus(status);
            try {
                store.commit(List.of(store.update(ControllerStore.REPLICA_SETS, updated)));
            } catch (StoreException e) {
                if (ControllerStore.isLostRace(e)) {
                    return Reconciler.Result.requeueWithBackoff();
                }
                throw e;
            }
            if (degradedReason != null) {
                LOG.warn("replicaset={} is degraded ({}): {}", replicaSet.key(), degradedReason, degradedMessage);
            }
        }
        return nextCheck(replicaSet, active, now);
    }

    /** Requeues while a ready pod still waits out minReadySeconds, because no event marks that moment. */
    private Reconciler.Result nextCheck(ReplicaSet replicaSet, List<Pod> active, Instant now) {
        int minReadySeconds = replicaSet.getSpec().getMinReadySeconds();
        if (minReadySeconds <= 0) {
            return Reconciler.Result.done();
        }
        for (Pod pod : active) {
            if (Pods.isReady(pod) && !Pods.isAvailable(pod, minReadySeconds, now)) {
                return Reconciler.Result.requeueAfter(Duration.ofSeconds(1));
            }
        }
        return Reconciler.Result.done();
    }

    static String selectorProblem(ReplicaSet replicaSet) {
        return WorkloadSelectors.problem(replicaSet.getSpec().getSelector(), replicaSet.getSpec().getTemplate());
    }

    private List<Pod> namespacePods(ReplicaSet replicaSet) {
        return informers.pods().indexer().byIndex(Indexers.NAMESPACE, replicaSet.getMetadata().getNamespace());
    }

    private static String ownerKey(Pod pod, OwnerReference owner) {
        return pod.getMetadata().getNamespace() + "/" + owner.getName();
    }

    private final class ReplicaSetHandler implements ResourceEventHandler<ReplicaSet> {

        @Override
        public void onAdd(ReplicaSet replicaSet) {
            queue.add(replicaSet.key());
        }

        @Override
        public void onUpdate(ReplicaSet previous, ReplicaSet current) {
            // A status-only write (usually this controller's own) needs no reconcile.
            boolean sameMetadata = previous.getMetadata().getGeneration() == current.getMetadata().getGeneration()
                    && previous.getMetadata().getOwnerReferences().equals(current.getMetadata().getOwnerReferences())
                    && java.util.Objects.equals(previous.getMetadata().getDeletionTimestamp(),
                            current.getMetadata().getDeletionTimestamp());
            if (!previous.getSpec().equals(current.getSpec()) || !sameMetadata) {
                queue.add(current.key());
            }
        }
    }

    private final class PodHandler implements ResourceEventHandler<Pod> {

        @Override
        public void onAdd(Pod pod) {
            enqueueOwner(pod);
        }

        @Override
        public void onUpdate(Pod previous, Pod current) {
            enqueueOwner(current);
            if (!previous.getMetadata().getLabels().equals(current.getMetadata().getLabels())) {
                enqueueOwner(previous);
            }
        }

        @Override
        public void onDelete(Pod last) {
            enqueueOwner(last);
        }

        private void enqueueOwner(Pod pod) {
            var owner = Pods.controllerOf(pod);
            if (owner.isPresent()) {
                if ("ReplicaSet".equals(owner.get().getKind())) {
                    queue.add(ownerKey(pod, owner.get()));
                }
                return;
            }
            if (!Pods.isActive(pod)) {
                return;
            }
            // An orphan: every ReplicaSet whose selector matches it may adopt it.
            for (ReplicaSet replicaSet : informers.replicaSets().indexer()
                    .byIndex(Indexers.NAMESPACE, pod.getMetadata().getNamespace())) {
                if (selectorProblem(replicaSet) == null && LabelSelector.of(replicaSet.getSpec().getSelector())
                        .matches(pod.getMetadata().getLabels())) {
                    queue.add(replicaSet.key());
                }
            }
        }
    }
}
