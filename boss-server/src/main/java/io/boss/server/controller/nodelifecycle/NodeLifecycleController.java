package io.boss.server.controller.nodelifecycle;

import io.boss.api.events.EventRecorder;
import io.boss.api.json.Serialization;
import io.boss.api.model.Condition;
import io.boss.api.model.ConditionTypes;
import io.boss.api.model.Conditions;
import io.boss.api.model.Lease;
import io.boss.api.model.Node;
import io.boss.api.model.Pod;
import io.boss.api.model.PodPhase;
import io.boss.api.model.PodStatus;
import io.boss.api.model.Reason;
import io.boss.server.controller.Controller;
import io.boss.server.controller.ControllerStore;
import io.boss.server.controller.Pods;
import io.boss.server.controller.SharedInformers;
import io.boss.server.informer.Indexers;
import io.boss.store.Operation;
import io.boss.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches each node's heartbeat Lease (namespace {@value #LEASE_NAMESPACE}, named after the node,
 * renewed by the node agent) and acts when it stops being renewed:
 *
 * <ol>
 *   <li>after {@code gracePeriod} without a renewal, the node's Ready condition becomes
 *       {@code Unknown} with reason {@value #REASON_NODE_STATUS_UNKNOWN}, so the scheduler places
 *       nothing more there;</li>
 *   <li>after a further {@code podEvictionTimeout}, every Pending, Running or Unknown pod bound
 *       to the node becomes Failed with reason {@code NodeLost}; the ReplicaSet controller no
 *       longer counts such pods and creates replacements, which the scheduler places on ready
 *       nodes;</li>
 *   <li>when the Lease is renewed again, Ready becomes True with reason {@value #REASON_LEASE_RENEWED}.
 *       The returning agent stops the sandboxes of its Failed pods itself.</li>
 * </ol>
 *
 * <p>A renewal is the moment this controller observes the Lease's resourceVersion change, measured on
 * its own clock, so clock skew between agent and server does not matter. A new leader therefore
 * gives every node a full grace period from the moment it starts.
 *
 * <p>Threading: one timer thread checks every node each {@code monitorPeriod}. Writes are
 * compare-and-set; a write that loses a race is tried again on the next check.
 */
public final class NodeLifecycleController implements Controller {

    /** Namespace of the node heartbeat Leases the agent writes. */
    public static final String LEASE_NAMESPACE = Node.LEASE_NAMESPACE;
    static final String REASON_NODE_STATUS_UNKNOWN = "NodeStatusUnknown";
    static final String REASON_LEASE_RENEWED = "NodeLeaseRenewed";

    private static final Logger LOG = LoggerFactory.getLogger(NodeLifecycleController.class);

    private final SharedInformers informers;
    private final ControllerStore store;
    private final Duration gracePeriod;
    private final Duration podEvictionTimeout;
    private final Duration monitorPeriod;
    private final EventRecorder recorder;
    private final long term;
    private final Map<String, Renewal> renewals = new HashMap<>();
    private final Map<String, Instant> unreachableSince = new HashMap<>();
    private ScheduledExecutorService timer;

    /** The Lease revision last seen for a node and when this controller first saw it. */
    private record Renewal(String leaseVersion, Instant seenAt) {
    }

    public NodeLifecycleController(SharedInformers informers, ControllerStore store, Duration gracePeriod,
                                   Duration podEvictionTimeout, Duration monitorPeriod, EventRecorder recorder,
                                   long term) {
        this.informers = informers;
        this.store = store;
        this.gracePeriod = gracePeriod;
        this.podEvictionTimeout = podEvictionTimeout;
        this.monitorPeriod = monitorPeriod;
        this.recorder = recorder;
        this.term = term;
    }

    @Override
    public String name() {
        return "node-lifecycle";
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "node-lifecycle");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::monitorSafely, 0, monitorPeriod.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        if (timer != null) {
            timer.shutdownNow();
            timer.awaitTermination(10, TimeUnit.SECONDS);
            timer = null;
        }
    }

    private void monitorSafely() {
        try {
            monitor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (StoreException e) {
            LOG.debug("node check failed ({}: {}); trying again in {}", e.reason(), e.getMessage(), monitorPeriod);
        } catch (RuntimeException e) {
            LOG.error("node check failed; trying again in {}", monitorPeriod, e);
        }
    }

    /** Checks every node's Lease once. Runs on the timer thread only. */
    void monitor() throws InterruptedException {
        if (!informers.hasSynced()) {
            return;
        }
        Instant now = store.clock().instant();
        for (Node node : informers.nodes().indexer().list()) {
            String name = node.getMetadata().getName();
            Renewal renewal = observe(name, now);
            boolean expired = Duration.between(renewal.seenAt(), now).compareTo(gracePeriod) > 0;
            if (expired) {
                onUnreachable(node, renewal, now);
            } else {
                onReachable(node, now);
            }
        }
        renewals.keySet().retainAll(informers.nodes().indexer().keys());
        unreachableSince.keySet().retainAll(informers.nodes().indexer().keys());
    }

    private Renewal observe(String nodeName, Instant now) {
        String version = informers.leases().indexer().get(LEASE_NAMESPACE + "/" + nodeName)
                .map(Lease::getMetadata).map(metadata -> metadata.getResourceVersion()).orElse(null);
        Renewal last = renewals.get(nodeName);
        if (last == null || !Objects.equals(last.leaseVersion(), version)) {
            last = new Renewal(version, now);
            renewals.put(nodeName, last);
        }
        return last;
    }

    private void onUnreachable(Node node, Renewal renewal, Instant now) throws InterruptedException {
        String name = node.getMetadata().getName();
        Instant since = unreachableSince.computeIfAbsent(name, unused -> now);
        long silentSeconds = Duration.between(renewal.seenAt(), now).toSeconds();
        Condition ready = readyCondition(node);
        if (ready == null || !Condition.UNKNOWN.equals(ready.getStatus())) {
            String message = "Lease " + LEASE_NAMESPACE + "/" + name + " not renewed for " + silentSeconds
                    + "s (grace period " + gracePeriod.toMillis() + " ms)";
            if (writeReady(node, Condition.UNKNOWN, REASON_NODE_STATUS_UNKNOWN, message, now)) {
                LOG.info("node={} is not ready: {} term={}", name, message, term);
                recorder.normal(node, "NodeNotReady", "Node " + name + " is not ready: " + message);
            }
        }
        if (Duration.between(since, now).compareTo(podEvictionTimeout) >= 0) {
            failPods(name, now);
        }
    }

    private void onReachable(Node node, Instant now) throws InterruptedException {
        String name = node.getMetadata().getName();
        unreachableSince.remove(name);
        Condition ready = readyCondition(node);
        if (ready != null && REASON_NODE_STATUS_UNKNOWN.equals(ready.getReason())) {
            if (writeReady(node, Condition.TRUE, REASON_LEASE_RENEWED, "the node agent renewed its Lease", now)) {
                LOG.info("node={} is ready again: its Lease was renewed term={}", name, term);
                recorder.normal(node, "NodeReady", "Node " + name + " is ready again: its agent renewed its Lease");
            }
        }
    }

    /** Fails every pod on the node that has not finished, with reason NodeLost, in one batch. */
    private void failPods(String nodeName, Instant now) throws InterruptedException {
        List<Operation> operations = new ArrayList<>();
        List<Pod> failed = new ArrayList<>();
        for (Pod pod : informers.pods().indexer().byIndex(Indexers.NODE_NAME, nodeName)) {
            if (!Pods.isActive(pod)) {
                continue;
            }
            Pod updated = Serialization.copy(pod);
            PodStatus status = updated.getStatus();
            String message = "node " + nodeName + " stopped renewing its Lease; the pod is presumed lost";
            status.setPhase(PodPhase.FAILED.wireName());
            status.setReason(Reason.NodeLost.name());
            status.setMessage(message);
            Conditions.set(status.getConditions(), new Condition(ConditionTypes.SANDBOX_READY, Condition.FALSE,
                    Reason.NodeLost.name(), message), now);
            if (Conditions.find(status.getConditions(), ConditionTypes.READY).isPresent()) {
                Conditions.set(status.getConditions(), new Condition(ConditionTypes.READY, Condition.FALSE,
                        Reason.NodeLost.name(), message), now);
            }
            operations.add(store.update(ControllerStore.PODS, updated));
            failed.add(pod);
        }
        if (operations.isEmpty()) {
            return;
        }
        try {
            store.commit(operations);
            LOG.info("node={} lost: failed {} pods with reason NodeLost {} term={}", nodeName, failed.size(),
                    failed.stream().map(Pod::key).toList(), term);
            for (Pod pod : failed) {
                recorder.warning(pod, Reason.NodeLost.name(), "Node " + nodeName
                        + " stopped renewing its Lease; the pod is presumed lost");
            }
        } catch (StoreException e) {
            if (!ControllerStore.isLostRace(e)) {
                throw e;
            }
            LOG.debug("failing pods of node={} lost a write race; trying again on the next check", nodeName);
        }
    }

    /** Sets the node's Ready condition with compare-and-set; returns false when another writer won. */
    private boolean writeReady(Node node, String status, String reason, String message, Instant now)
            throws InterruptedException {
        Node updated = Serialization.copy(node);
        Conditions.set(updated.getStatus().getConditions(), new Condition(ConditionTypes.READY, status, reason, message), now);
        try {
            store.commit(List.of(store.update(ControllerStore.NODES, updated)));
            return true;
        } catch (StoreException e) {
            if (ControllerStore.isLostRace(e)) {
                return false;
            }
            throw e;
        }
    }

    private static Condition readyCondition(Node node) {
        return Conditions.find(node.getStatus().getConditions(), ConditionTypes.READY).orElse(null);
    }
}
