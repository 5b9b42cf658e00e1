package io.boss.server.scheduler;

import io.boss.api.ResourceKind;
import io.boss.api.events.EventBroadcaster;
import io.boss.api.events.EventRecorder;
import io.boss.api.model.EventSource;
import io.boss.api.model.Node;
import io.boss.api.model.Pod;
import io.boss.api.model.PodPhase;
import io.boss.server.events.StoreEventSink;
import io.boss.server.informer.Indexers;
import io.boss.server.informer.Informer;
import io.boss.server.informer.QueueWorkers;
import io.boss.server.informer.Reconciler;
import io.boss.server.informer.ResourceEventHandler;
import io.boss.server.informer.StoreListerWatcher;
import io.boss.server.informer.TypedCodec;
import io.boss.server.informer.WorkQueue;
import io.boss.server.leader.LeaderElectedService;
import io.boss.store.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Binds pending pods to nodes; runs only on the Raft leader.
 *
 * <p>On {@link #start} it starts a pod and a node informer over this replica's store and one
 * scheduling thread fed by a {@link WorkQueue} of pod keys. A pod is queued while it needs
 * scheduling: {@code spec.nodeName} empty, no deletion timestamp, phase Pending (or unset). For
 * each pod the thread runs the {@link PlacementPlanner} against the {@link SchedulerCache},
 * counts the chosen placement as assumed, and sends the bind through {@link PodBinder} without
 * waiting for it, so decisions are serial and cheap while many binds are in flight.
 *
 * <p>A pod that fits nowhere gets PodScheduled=False/Unschedulable with a per-node message and is
 * tried again with exponential backoff, and at once when a node is added, when a node's
 * readiness, cordon, allocatable or providers change, or when a bound pod leaves a node.
 *
 * <p>It records a {@code Scheduled} event for each bind and a {@code FailedScheduling} warning
 * each time a pod's unschedulable message changes, through an {@link EventBroadcaster} of its
 * own for the term.
 *
 * <p>Every write is compare-and-set, so a scheduler of an old term that has not stopped yet cannot
 * bind a pod that the new leader bound.
 */
public final class Scheduler implements LeaderElectedService {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private static final Duration NOT_SYNCED_DELAY = Duration.ofMillis(50);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration EVENT_WRITE_TIMEOUT = Duration.ofSeconds(5);

    private final Registry store;
    private final SchedulerSettings settings;
    private final Clock clock;
    private final TypedCodec<Pod> podCodec = TypedCodec.of(ResourceKind.POD, Pod.class);
    private final TypedCodec<Node> nodeCodec = TypedCodec.of(ResourceKind.NODE, Node.class);

    private volatile Run run;

    public Scheduler(Registry store, SchedulerSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "scheduler";
    }

    @Override
    public synchronized void start(long term) {
        if (run != null) {
            throw new IllegalStateException("scheduler already running for term " + run.term);
        }
        run = new Run(term);
        run.start();
        LOG.info("Scheduler started in term {}", term);
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        if (run == null) {
            return;
        }
        long term = run.term;
        run.stop();
        run = null;
        LOG.info("Scheduler of term {} stopped", term);
    }

    /** Returns true when {@code pod} waits for a node: unbound, not being deleted, phase Pending or unset. */
    static boolean needsScheduling(Pod pod) {
        String nodeName = pod.getSpec().getNodeName();
        if (nodeName != null && !nodeName.isEmpty()) {
            return false;
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return phase == null || phase.isEmpty() || PodPhase.PENDING.wireName().equals(phase);
    }

    /** The state of one term's run; a new term starts from fresh informers and an empty cache. */
    private final class Run {

        private final long term;
        private final SchedulerCache cache = new SchedulerCache();
        private final PlacementPlanner planner = new PlacementPlanner();
        private final PodBinder binder = new PodBinder(store, podCodec, clock,
                settings.maxBindBatch(), settings.maxBatchesInFlight());
        private final Set<String> unschedulable = ConcurrentHashMap.newKeySet();
        private final Semaphore bindsInFlight;
        private final WorkQueue<String> queue;
        private final Informer<Pod> pods;
        private final Informer<Node> nodes;
        private final QueueWorkers<String> workers;
        private final EventBroadcaster events;
        private final EventRecorder recorder;
        private volatile boolean running = true;

        Run(long term) {
            this.term = term;
            this.events = EventBroadcaster.start("scheduler", new StoreEventSink(store, EVENT_WRITE_TIMEOUT), clock,
                    EventBroadcaster.DEFAULT_QUEUE_CAPACITY);
            this.recorder = events.newRecorder(new EventSource("scheduler", store.replicaId()));
            this.bindsInFlight = new Semaphore(settings.maxBindsInFlight());
            this.queue = new WorkQueue<>("scheduler", settings.retryBaseDelay(), settings.retryMaxDelay());
            this.pods = new Informer<>("scheduler-pods", new StoreListerWatcher<>(store, podCodec),
                    Indexers.forPods(), settings.informerRetryDelay());
            this.nodes = new Informer<>("scheduler-nodes", new StoreListerWatcher<>(store, nodeCodec),
                    Indexers.standard(), settings.informerRetryDelay());
            this.workers = new QueueWorkers<>("scheduler", queue, this::schedule, 1);
            pods.addEventHandler(new PodHandler());
            nodes.addEventHandler(new NodeHandler());
        }

        void start() {
            nodes.start();
            pods.start();
            workers.start();
        }

        void stop() throws InterruptedException {
            running = false;
            workers.stop(STOP_TIMEOUT);
            binder.close();
            pods.stop();
            nodes.stop();
            events.close();
        }

        private Reconciler.Result schedule(String key) throws InterruptedException {
            if (!pods.hasSynced() || !nodes.hasSynced()) {
                return Reconciler.Result.requeueAfter(NOT_SYNCED_DELAY);
            }
            Pod pod = pods.indexer().get(key).orElse(null);
            if (pod == null || !needsScheduling(pod) || cache.isAssumed(key)) {
                unschedulable.remove(key);
                return Reconciler.Result.done();
            }

            PodRequest request = PodRequest.of(pod);
            Decision decision = cache.read(all -> planner.plan(request, all));
            if (!decision.placed()) {
                unschedulable.add(key);
                recordUnschedulable(pod, decision.unschedulableMessage());
                return Reconciler.Result.requeueWithBackoff();
            }

            unschedulable.remove(key);
            cache.assume(key, new PodUsage(decision.nodeName(), request.requests(), request.scoringRequests(),
                    decision.provider()));
            bindsInFlight.acquire();
            binder.bind(pod, decision.nodeName(), decision.provider(), PlacementPlanner.resolvedClass(request))
                    .whenComplete((outcome, failure) -> {
                        bindsInFlight.release();
                        onBindFinished(pod, decision, outcome, failure);
                    });
            return Reconciler.Result.done();
        }

        private void onBindFinished(Pod pod, Decision decision, PodBinder.Outcome outcome, Throwable failure) {
            String key = pod.key();
            if (failure == null && outcome == PodBinder.Outcome.BOUND) {
                LOG.info("bound pod={} node={} provider={} term={}", key, decision.nodeName(), decision.provider(), term);
                recorder.normal(pod, "Scheduled", "Bound to " + decision.nodeName() + " (provider "
                        + decision.provider() + ")");
                return;
            }

            cache.forget(key);
            if (!running) {
                return;
            }
            if (failure != null) {
                Throwable cause = PodBinder.unwrap(failure);
                LOG.warn("Failed to bind pod={} node={} term={}: {}; retrying with backoff",
                        key, decision.nodeName(), term, cause.toString());
                queue.addRateLimited(key);
            } else if (outcome == PodBinder.Outcome.CONFLICT) {
                LOG.debug("Bind of pod={} met newer revisions {} times; scheduling it again", key, PodBinder.MAX_BIND_ATTEMPTS);
                queue.add(key);
            } else {
                LOG.debug("Bind of pod={} skipped: {}", key, outcome);
            }
        }

        private void recordUnschedulable(Pod pod, String message) {
            binder.markUnschedulable(pod, message).whenComplete((written, failure) -> {
                if (failure != null) {
                    LOG.debug("Failed to record pod={} as unschedulable: {}", pod.key(), PodBinder.unwrap(failure).toString());
                } else if (written) {
                    LOG.info("unschedulable pod={} term={}: {}", pod.key(), term, message);
                    recorder.warning(pod, "FailedScheduling", message);
                }
            });
        }

        private void requeueUnschedulable() {
            for (String key : unschedulable) {
                queue.add(key);
            }
        }

        private final class PodHandler implements ResourceEventHandler<Pod> {

            @Override
            public void onAdd(Pod pod) {
                cache.updatePod(pod);
                if (needsScheduling(pod)) {
                    queue.add(pod.key());
                }
            }

            @Override
            public void onUpdate(Pod previous, Pod current) {
                cache.updatePod(current);
                boolean specChanged = !previous.getSpec().equals(current.getSpec());
                if (needsScheduling(current) && (specChanged || !needsScheduling(previous))) {
                    queue.add(current.key());
                }
                if (SchedulerCache.usageOf(previous) != null && SchedulerCache.usageOf(current) == null) {
                    requeueUnschedulable();
                }
            }

            @Override
            public void onDelete(Pod last) {
                cache.removePod(last.key());
                unschedulable.remove(last.key());
                if (SchedulerCache.usageOf(last) != null) {
                    requeueUnschedulable();
                }
            }
        }

        private final class NodeHandler implements ResourceEventHandler<Node> {

            @Override
            public void onAdd(Node node) {
                cache.updateNode(node);
                requeueUnschedulable();
            }

            @Override
            public void onUpdate(Node previous, Node current) {
                cache.updateNode(current);
                if (NodeInfo.placementChanged(previous, current)) {
                    requeueUnschedulable();
                }
            }

            @Override
            public void onDelete(Node last) {
                cache.removeNode(last.getMetadata().getName());
            }
        }
    }
}
