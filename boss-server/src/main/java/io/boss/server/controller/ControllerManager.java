package io.boss.server.controller;

import io.boss.api.events.EventBroadcaster;
import io.boss.api.events.EventRecorder;
import io.boss.api.model.EventSource;
import io.boss.server.config.ControllerSettings;
import io.boss.server.controller.deployment.DeploymentController;
import io.boss.server.controller.gc.GarbageCollector;
import io.boss.server.controller.nodelifecycle.NodeLifecycleController;
import io.boss.server.controller.replicaset.ReplicaSetController;
import io.boss.server.events.StoreEventSink;
import io.boss.server.leader.LeaderElectedService;
import io.boss.store.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Runs the ReplicaSet, Deployment, garbage-collector and node lifecycle controllers on the Raft
 * leader only.
 *
 * <p>On {@link #start(long)} it builds, for that term, one set of {@link SharedInformers} over this
 * replica's store, the controllers (each registering its handlers and owning its work queue and
 * workers), then starts the informers and the controllers. On {@link #stop()} it stops the
 * controllers, then the informers. Nothing carries over between terms: a new term lists
 * everything again, linearizably, so it starts from every write committed before it.
 *
 * <p>The controllers of one term share one {@link EventBroadcaster}, each with its own event
 * source. The broadcaster is closed after the controllers stop.
 *
 * <p>Fencing: every controller write is compare-and-set on a revision it read (see
 * {@link ControllerStore}), so writes a deposed leader sends before it notices change nothing
 * that the new leader has acted on.
 */
public final class ControllerManager implements LeaderElectedService {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerManager.class);

    private final Registry registry;
    private final ControllerSettings settings;
    private final Clock clock;
    private final RandomGenerator random;
    private final Duration requestTimeout;
    private Run run;

    public ControllerManager(Registry registry, ControllerSettings settings, Clock clock, RandomGenerator random,
                             Duration requestTimeout) {
        this.registry = registry;
        this.settings = settings;
        this.clock = clock;
        this.random = random;
        this.requestTimeout = requestTimeout;
    }

    @Override
    public String name() {
        return "controller-manager";
    }

    @Override
    public synchronized void start(long term) {
        if (run != null) {
            throw new IllegalStateException("controller manager already running for term " + run.term);
        }
        run = new Run(term);
        run.start();
        LOG.info("Controller manager started in term {} with controllers {}", term,
                run.controllers.stream().map(Controller::name).toList());
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        if (run == null) {
            return;
        }
        long term = run.term;
        run.stop();
        run = null;
        LOG.info("Controller manager of term {} stopped", term);
    }

    /** The informers and controllers of one term. */
    private final class Run {

        private final long term;
        private final SharedInformers informers;
        private final EventBroadcaster events;
        private final List<Controller> controllers = new ArrayList<>();

        Run(long term) {
            this.term = term;
            Duration retryBase = settings.getRetryBaseDelay().toJavaDuration();
            Duration retryMax = settings.getRetryMaxDelay().toJavaDuration();
            if (retryMax.compareTo(retryBase) < 0) {
                retryMax = retryBase;
            }
            int workers = settings.getWorkers();
            ControllerStore store = new ControllerStore(registry, clock, requestTimeout);
            informers = new SharedInformers(registry, Duration.ofMillis(500));
            events = EventBroadcaster.start(name(), new StoreEventSink(registry, requestTimeout), clock,
                    EventBroadcaster.DEFAULT_QUEUE_CAPACITY);

            controllers.add(new ReplicaSetController(informers, store, random, settings.getMaxPodsPerBatch(), workers,
                    retryBase, retryMax, recorder("replicaset-controller"), term));
            controllers.add(new DeploymentController(informers, store, workers, retryBase, retryMax,
                    recorder("deployment-controller"), term));
            controllers.add(new GarbageCollector(informers, store, workers, retryBase, retryMax,
                    settings.getEventTtl().toJavaDuration(), term));
            controllers.add(new NodeLifecycleController(informers, store,
                    settings.getNodeMonitorGracePeriod().toJavaDuration(),
                    settings.getPodEvictionTimeout().toJavaDuration(),
                    settings.getNodeMonitorPeriod().toJavaDuration(), recorder("node-controller"), term));
        }

        private EventRecorder recorder(String component) {
            return events.newRecorder(new EventSource(component, registry.replicaId()));
        }

        void start() {
            informers.start();
            controllers.forEach(Controller::start);
        }

        void stop() throws InterruptedException {
            for (int i = controllers.size() - 1; i >= 0; i--) {
                controllers.get(i).stop();
            }
            informers.stop();
            events.close();
        }
    }
}
