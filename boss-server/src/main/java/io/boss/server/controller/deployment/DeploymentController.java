package io.boss.server.controller.deployment;

import io.boss.api.events.EventRecorder;
import io.boss.api.json.Serialization;
import io.boss.api.model.Deployment;
import io.boss.api.model.DeploymentStatus;
import io.boss.api.model.ReplicaSet;
import io.boss.api.model.ReplicaSetSpec;
import io.boss.api.validation.FieldError;
import io.boss.api.validation.ResourceValidator;
import io.boss.server.controller.Controller;
import io.boss.server.controller.ControllerStore;
import io.boss.server.controller.Pods;
import io.boss.server.controller.SharedInformers;
import io.boss.server.controller.WorkloadSelectors;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rolls each Deployment out through ReplicaSets: one ReplicaSet per pod template, named
 * {@code <deployment>-<pod-template-hash>}, scaled by {@link RolloutPlanner}; old ReplicaSets at
 * zero replicas beyond {@code revisionHistoryLimit} are deleted; the status carries the replica
 * counts and the conditions Reconciling, Progressing, Available and Degraded.
 *
 * <p>Each reconcile reads the Deployment's ReplicaSets fresh from the store and commits all its
 * ReplicaSet writes in one batch with a compare-and-set update of the Deployment, so two
 * reconciles computed from the same Deployment revision (a deposed leader's and the new one's)
 * cannot both apply, and the sum of replicas never passes {@code replicas + maxSurge}.
 *
 * <p>A spec the API server accepted but the controller cannot act on makes the Deployment
 * Degraded and creates nothing: a selector that does not select the template's labels (the API
 * rejects those, but objects stored by older servers or straight into the store may have one), or
 * a ReplicaSet that would be invalid, such as one whose name passes the 253-character limit.
 *
 * <p>Threading: informer handlers only queue keys; worker threads reconcile, never two at once for
 * one Deployment.
 */
public final class DeploymentController implements Controller {

    static final String REASON_INVALID_SELECTOR = "InvalidSelector";
    static final String REASON_INVALID_REPLICA_SET = "InvalidReplicaSet";

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentController.class);
    private static final Duration NOT_SYNCED_DELAY = Duration.ofMillis(50);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final SharedInformers informers;
    private final ControllerStore store;
    private final EventRecorder recorder;
    private final long term;
    private final WorkQueue<String> queue;
    private final QueueWorkers<String> workers;

    public DeploymentController(SharedInformers informers, ControllerStore store, int workerCount,
                                Duration retryBaseDelay, Duration retryMaxDelay, EventRecorder recorder, long term) {
        this.informers = informers;
        this.store = store;
        this.recorder = recorder;
        this.term = term;
        this.queue = new WorkQueue<>(name(), retryBaseDelay, retryMaxDelay);
        this.workers = new QueueWorkers<>(name(), queue, this::reconcile, workerCount);
        informers.deployments().addEventHandler(new DeploymentHandler());
        informers.replicaSets().addEventHandler(new ReplicaSetHandler());
    }

    @Override
    public String name() {
        return "deployment";
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
        Deployment deployment = informers.deployments().indexer().get(key).orElse(null);
        if (deployment == null || deployment.getMetadata().getDeletionTimestamp() != null) {
            return Reconciler.Result.done();
        }
        try {
            return sync(deployment);
        } catch (StoreException e) {
            if (ControllerStore.isLostRace(e)) {
                LOG.debug("deployment={} lost a write race ({}); reconciling again", key, e.getMessage());
                return Reconciler.Result.requeueWithBackoff();
            }
            throw e;
        }
    }

    private Reconciler.Result sync(Deployment deployment) throws InterruptedException {
        String problem = selectorProblem(deployment);
        if (problem != null) {
            return degrade(deployment, REASON_INVALID_SELECTOR, problem);
        }

        String uid = deployment.getMetadata().getUid();
        List<ReplicaSet> namespaceSets = store.list(ControllerStore.REPLICA_SETS, deployment.getMetadata().getNamespace());
        List<ReplicaSet> owned = namespaceSets.stream().filter(rs -> Pods.isControlledBy(rs, uid)).toList();

        String hash = TemplateHash.of(deployment.getSpec().getTemplate(), deployment.getStatus().getCollisionCount());
        ReplicaSet newSet = owned.stream()
                .filter(rs -> hash.equals(rs.getMetadata().getLabels().get(TemplateHash.LABEL)))
                .filter(rs -> ReplicaSets.hasTemplateOf(rs, deployment))
                .findFirst().orElse(null);
        if (newSet == null && nameTaken(namespaceSets, ReplicaSets.name(deployment, hash))) {
            return countCollision(deployment, hash);
        }
        List<ReplicaSet> oldSets = owned.stream().filter(rs -> rs != null && rs != newSet).toList();
        long nextRevision = oldSets.stream().mapToLong(ReplicaSets::revision).max().orElse(0) + 1;

        boolean creating = newSet == null;
        ReplicaSet target = creating ? ReplicaSets.build(deployment, hash, nextRevision) : newSet;
        Map<String, Integer> plan = deployment.getSpec().isPaused() ? Map.of()
                : RolloutPlanner.plan(deployment, target, oldSets);

        List<Operation> operations = new ArrayList<>();
        Map<String, ReplicaSet> after = new LinkedHashMap<>();
        owned.forEach(rs -> after.put(rs.getMetadata().getName(), rs));

        if (creating) {
            ReplicaSet created = Serialization.copy(target);
            scale(created, plan.getOrDefault(created.getMetadata().getName(), 0), deployment);
            List<FieldError> errors = ResourceValidator.validate(created);
            if (!errors.isEmpty()) {
                return degrade(deployment, REASON_INVALID_REPLICA_SET,
                        "ReplicaSet " + created.getMetadata().getName() + " would be invalid: " + errors);
            }
            operations.add(store.create(ControllerStore.REPLICA_SETS, created));
            after.put(created.getMetadata().getName(), created);
        } else if (ReplicaSets.revision(newSet) <= nextRevision - 1) {
            // An earlier template came back (a rollback): it becomes the newest revision again.
            ReplicaSet revised = Serialization.copy(newSet);
            revised.getMetadata().getAnnotations().put(ReplicaSets.REVISION_ANNOTATION, Long.toString(nextRevision));
            after.put(revised.getMetadata().getName(), revised);
        }

        for (Map.Entry<String, Integer> step : plan.entrySet()) {
            if (creating && step.getKey().equals(target.getMetadata().getName())) {
                continue;
            }
            ReplicaSet scaled = Serialization.copy(after.get(step.getKey()));
            scale(scaled, step.getValue(), deployment);
            after.put(step.getKey(), scaled);
        }
        for (ReplicaSet rs : after.values()) {
            ReplicaSet before = owned.stream().filter(o -> o.getMetadata().getName().equals(rs.getMetadata().getName()))
                    .findFirst().orElse(null);
            if (before != null && !before.equals(rs)) {
                operations.add(store.update(ControllerStore.REPLICA_SETS, rs));
            }
        }

        ReplicaSet current = after.get(target.getMetadata().getName());
        List<ReplicaSet> all = new ArrayList<>(after.values());
        if (operations.isEmpty()) {
            List<ReplicaSet> expired = expiredRevisions(deployment, oldSets);
            for (ReplicaSet rs : expired) {
                operations.add(store.delete(ControllerStore.REPLICA_SETS, rs));
                all.remove(rs);
            }
            if (!expired.isEmpty()) {
                LOG.info("deployment={} deleted {} old ReplicaSets beyond revisionHistoryLimit {} term={}",
                        deployment.key(), expired.size(), deployment.getSpec().effectiveRevisionHistoryLimit(), term);
            }
        }

        Deployment updated = Serialization.copy(deployment);
        updated.setStatus(DeploymentStatuses.compute(deployment, current, all, creating, null, null, now()));
        updated.getMetadata().getAnnotations().put(ReplicaSets.REVISION_ANNOTATION,
                Long.toString(ReplicaSets.revision(current)));
        if (operations.isEmpty() && updated.equals(deployment)) {
            return Reconciler.Result.done();
        }
        operations.add(store.update(ControllerStore.DEPLOYMENTS, updated));
        store.commit(operations);

        if (creating) {
            LOG.info("deployment={} created replicaset={} revision={} replicas={} term={}", deployment.key(),
                    current.getMetadata().getName(), ReplicaSets.revision(current), RolloutPlanner.replicas(current), term);
        }
        plan.forEach((name, replicas) -> LOG.info("deployment={} scaled replicaset={} to {} term={}",
                deployment.key(), name, replicas, term));
        recordScaling(deployment, owned, plan);
        return Reconciler.Result.done();
    }

    /** Records a ScalingReplicaSet event for each ReplicaSet whose replicas the plan changed. */
    private void recordScaling(Deployment deployment, List<ReplicaSet> owned, Map<String, Integer> plan) {
        for (Map.Entry<String, Integer> step : plan.entrySet()) {
            int before = owned.stream().filter(rs -> rs.getMetadata().getName().equals(step.getKey()))
                    .findFirst().map(RolloutPlanner::replicas).orElse(0);
            int after = step.getValue();
            if (after != before) {
                String direction = after > before ? "up" : "down";
                recorder.normal(deployment, "ScalingReplicaSet",
                        "Scaled " + direction + " replica set " + step.getKey() + " to " + after);
            }
        }
    }

    private static void scale(ReplicaSet replicaSet, int replicas, Deployment deployment) {
        ReplicaSetSpec spec = replicaSet.getSpec();
        spec.setReplicas(replicas);
        replicaSet.getMetadata().getAnnotations().put(RolloutPlanner.DESIRED_REPLICAS_ANNOTATION,
                Integer.toString(deployment.getSpec().desiredReplicas()));
    }

    /** Returns the old ReplicaSets without replicas or pods beyond revisionHistoryLimit, oldest revision first. */
    private static List<ReplicaSet> expiredRevisions(Deployment deployment, List<ReplicaSet> oldSets) {
        List<ReplicaSet> idle = new ArrayList<>(oldSets.stream()
                .filter(rs -> RolloutPlanner.replicas(rs) == 0 && rs.getStatus().getReplicas() == 0)
                .toList());
        int excess = idle.size() - deployment.getSpec().effectiveRevisionHistoryLimit();
        if (excess <= 0) {
            return List.of();
        }
        idle.sort(Comparator.comparingLong(ReplicaSets::revision));
        return idle.subList(0, excess);
    }

    private static boolean nameTaken(List<ReplicaSet> namespaceSets, String name) {
        return namespaceSets.stream().anyMatch(rs -> rs.getMetadata().getName().equals(name));
    }

    /** Counts a hash collision, so the next reconcile hashes the template with a new collision count. */
    private Reconciler.Result countCollision(Deployment deployment, String hash) throws InterruptedException {
        Deployment updated = Serialization.copy(deployment);
        int count = Objects.requireNonNullElse(deployment.getStatus().getCollisionCount(), 0) + 1;
        updated.getStatus().setCollisionCount(count);
        store.commit(List.of(store.update(ControllerStore.DEPLOYMENTS, updated)));
        LOG.info("deployment={} found ReplicaSet {} taken by another template; collisionCount={} term={}",
                deployment.key(), ReplicaSets.name(deployment, hash), count, term);
        return Reconciler.Result.done();
    }

    private Reconciler.Result degrade(Deployment deployment, String reason, String message) throws InterruptedException {
        Deployment updated = Serialization.copy(deployment);
        DeploymentStatus status = DeploymentStatuses.compute(deployment, null, List.of(), false, reason, message, now());
        updated.setStatus(status);
        if (!updated.equals(deployment)) {
            store.commit(List.of(store.update(ControllerStore.DEPLOYMENTS, updated)));
            LOG.warn("deployment={} is degraded ({}): {}; nothing created", deployment.key(), reason, message);
        }
        return Reconciler.Result.done();
    }

    static String selectorProblem(Deployment deployment) {
        return WorkloadSelectors.problem(deployment.getSpec().getSelector(), deployment.getSpec().getTemplate());
    }

    private Instant now() {
        return store.clock().instant();
    }

    private final class DeploymentHandler implements ResourceEventHandler<Deployment> {

        @Override
        public void onAdd(Deployment deployment) {
            queue.add(deployment.key());
        }

        @Override
        public void onUpdate(Deployment previous, Deployment current) {
            if (!previous.getSpec().equals(current.getSpec())
                    || previous.getMetadata().getGeneration() != current.getMetadata().getGeneration()) {
                queue.add(current.key());
            }
        }
    }

    private final class ReplicaSetHandler implements ResourceEventHandler<ReplicaSet> {

        @Override
        public void onAdd(ReplicaSet replicaSet) {
            enqueueOwner(replicaSet);
        }

        @Override
        public void onUpdate(ReplicaSet previous, ReplicaSet current) {
            enqueueOwner(current);
        }

        @Override
        public void onDelete(ReplicaSet last) {
            enqueueOwner(last);
        }

        private void enqueueOwner(ReplicaSet replicaSet) {
            Pods.controllerOf(replicaSet)
                    .filter(owner -> "Deployment".equals(owner.getKind()))
                    .ifPresent(owner -> queue.add(replicaSet.getMetadata().getNamespace() + "/" + owner.getName()));
        }
    }
}
