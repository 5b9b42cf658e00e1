package io.boss.server.leader;

import io.boss.server.logging.ReplicaConverter;
import io.boss.store.LeadershipListener;
import io.boss.store.Registry;
import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts every registered {@link LeaderElectedService} when this replica gains Raft leadership
 * and stops them when it loses it.
 *
 * <p>Threading: leadership changes are queued to one dedicated thread and handled in the order
 * they arrive, so on a quick lose-then-gain the services stop before they start again. Services
 * start in registration order and stop in reverse order. A service whose start throws is logged and
 * skipped for that term; the others still run.
 */
public final class LeadershipManager implements LeadershipListener, Managed {

    private static final Logger LOG = LoggerFactory.getLogger(LeadershipManager.class);
    private static final long NOT_LEADER = -1;

    private final Registry registry;
    private final String replicaId;
    private final Duration serviceStopTimeout;
    private final List<LeaderElectedService> services = new CopyOnWriteArrayList<>();
    private final List<LeaderElectedService> running = new ArrayList<>();
    private final ExecutorService leadershipThread;
    private final ExecutorService stopThreads;
    private volatile long activeTerm = NOT_LEADER;

    public LeadershipManager(Registry registry, String replicaId, Duration serviceStopTimeout) {
        this.registry = registry;
        this.replicaId = replicaId;
        this.serviceStopTimeout = serviceStopTimeout;
        this.leadershipThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(() -> {
                MDC.put(ReplicaConverter.MDC_KEY, replicaId);
                runnable.run();
            }, "leadership-" + replicaId);
            thread.setDaemon(true);
            return thread;
        });
        this.stopThreads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "leadership-stop-" + replicaId);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Adds a service; call before {@link #start()}, because services added later miss a term already running. */
    public void register(LeaderElectedService service) {
        services.add(service);
    }

    /** Term whose services are running on this replica, or -1 when this replica is not leading. */
    public long activeTerm() {
        return activeTerm;
    }

    @Override
    public void start() {
        registry.addLeadershipListener(this);
        if (registry.isLeader()) {
            onLeaderElected(registry.currentTerm());
        }
    }

    @Override
    public void stop() throws InterruptedException {
        registry.removeLeadershipListener(this);
        leadershipThread.execute(this::stopServices);
        leadershipThread.shutdown();
        if (!leadershipThread.awaitTermination(serviceStopTimeout.toMillis() * (services.size() + 1), TimeUnit.MILLISECONDS)) {
            LOG.warn("Leader-only services did not stop within the timeout; continuing shutdown");
        }
        stopThreads.shutdownNow();
    }

    @Override
    public void onLeaderElected(long term) {
        leadershipThread.execute(() -> startServices(term));
    }

    @Override
    public void onLeaderLost(long term) {
        leadershipThread.execute(() -> {
            if (activeTerm != NOT_LEADER && activeTerm <= term) {
                stopServices();
            }
        });
    }

    private void startServices(long term) {
        if (activeTerm == term) {
            return;
        }
        stopServices();

        LOG.info("Gained leadership in term {}: starting {} leader-only services", term, services.size());
        activeTerm = term;
        for (LeaderElectedService service : services) {
            try {
                service.start(term);
                running.add(service);
                LOG.info("Started leader-only service {} in term {}", service.name(), term);
            } catch (Exception e) {
                LOG.error("Failed to start leader-only service {} in term {}; it stays stopped for this term",
                        service.name(), term, e);
            }
        }
    }

    private void stopServices() {
        if (activeTerm == NOT_LEADER) {
            return;
        }

        long term = activeTerm;
        LOG.info("Lost leadership of term {}: stopping {} leader-only services", term, running.size());
        for (int i = running.size() - 1; i >= 0; i--) {
            stopWithTimeout(running.get(i), term);
        }
        running.clear();
        activeTerm = NOT_LEADER;
    }

    private void stopWithTimeout(LeaderElectedService service, long term) {
        Future<?> stopping = stopThreads.submit(() -> {
            service.stop();
            return null;
        });
        try {
            stopping.get(serviceStopTimeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Stopped leader-only service {} of term {}", service.name(), term);
        } catch (TimeoutException e) {
            stopping.cancel(true);
            LOG.error("Leader-only service {} of term {} did not stop within {}; moving on",
                    service.name(), term, serviceStopTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.error("Failed to stop leader-only service {} of term {}", service.name(), term, e);
        }
    }
}
