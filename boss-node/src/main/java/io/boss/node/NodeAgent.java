package io.boss.node;

import io.boss.api.client.BossClient;
import io.boss.api.client.WatchHandle;
import io.boss.api.client.WatchListener;
import io.boss.api.events.ClientEventSink;
import io.boss.api.events.EventBroadcaster;
import io.boss.api.model.EventSource;
import io.boss.api.model.ObjectList;
import io.boss.api.model.Pod;
import io.boss.api.model.WatchEvent;
import io.boss.api.model.WatchEventType;
import io.boss.node.config.ApiCredentials;
import io.boss.node.config.NodeAgentConfiguration;
import io.boss.node.registration.HostResources;
import io.boss.node.registration.LeaseHeartbeat;
import io.boss.node.registration.NodeRegistrar;
import io.boss.node.sync.ApiPodStatusWriter;
import io.boss.node.sync.DesiredPods;
import io.boss.node.sync.PodReconciler;
import io.boss.node.sync.PodSync;
import io.boss.node.sync.SandboxInventory;
import io.boss.runtime.ProviderRegistry;
import io.boss.runtime.SandboxProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node agent's composition root and lifecycle. {@link #start} runs, on a thread of its own,
 * the steps that need a server: register the Node, start the heartbeat, list the pods bound here
 * and recover (see {@link PodSync#start}), then watch those pods. Each step is retried until a
 * server responds, so the agent can start before the servers do.
 *
 * <p>{@link #close} stops the agent's threads and its client; sandboxes keep running and the Node
 * is left as it is, so a restarted agent over the same state directory carries on.
 */
public final class NodeAgent implements AutoCloseable {

    /** The {@code source.component} of the events the agent records. */
    public static final String EVENT_COMPONENT = "boss-node";

    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);
    private static final Duration STARTUP_RETRY = Duration.ofSeconds(1);
    private static final int FAILURES_LOGGED_IN_FULL = 3;
    // The watch has its own client, so a slow replica's watch headers never count against the
    // short timeout of ordinary requests. boss-server opens every watch with a BOOKMARK line.
    private static final Duration WATCH_HEADER_TIMEOUT = Duration.ofSeconds(60);
    /** The shortest lease request timeout: an HTTPS request to a busy replica can take a few hundred ms. */
    private static final Duration MIN_LEASE_REQUEST_TIMEOUT = Duration.ofSeconds(1);

    private final NodeAgentConfiguration configuration;
    private final String nodeName;
    private final BossClient client;
    private final BossClient watchClient;
    /**
     * Renews the lease with a request timeout of about one heartbeat interval. With the default
     * 10 s, a renewal sent to a paused replica waited out its timeout before it tried another, and
     * the node lifecycle controller failed the node's pods meanwhile.
     */
    private final BossClient leaseClient;
    private final ProviderRegistry registry;
    private final DesiredPods desired = new DesiredPods();
    private final SandboxInventory inventory;
    private final PodSync sync;
    private final Map<String, String> allocatable;
    private final ScheduledExecutorService heartbeatThread;
    /**
     * Refreshes the Node status apart from the lease. A provider's self-check can take longer than
     * the lease lasts (a KVM probe waits up to 10 s for a guest kernel), and a lease renewed late
     * makes the node lifecycle controller fail every pod of the node.
     */
    private final ScheduledExecutorService statusThread;
    private final EventBroadcaster events;
    private volatile Thread startThread;
    private volatile WatchHandle watch;
    private volatile boolean closed;
    private NodeRegistrar registrar;
    private LeaseHeartbeat heartbeat;
    private int consecutiveHeartbeatFailures;

    public NodeAgent(NodeAgentConfiguration configuration, List<SandboxProvider> providers) {
        this.configuration = configuration;
        this.nodeName = configuration.resolvedNodeName();
        this.allocatable = HostResources.allocatable(configuration.getAllocatable());
        String servers = String.join(",", configuration.resolvedServers());
        ApiCredentials credentials = configuration.getCredentials();
        this.client = credentials.applyTo(BossClient.builder().endpoints(servers)).build();
        this.watchClient = credentials.applyTo(BossClient.builder().endpoints(servers))
                .requestTimeout(WATCH_HEADER_TIMEOUT).build();
        this.leaseClient = credentials.applyTo(BossClient.builder().endpoints(servers))
                .requestTimeout(leaseRequestTimeout(configuration))
                .retryTimeout(configuration.getLeaseDuration().toJavaDuration()).build();
        this.registry = new ProviderRegistry(providers);
        this.inventory = new SandboxInventory(providers);
        this.events = EventBroadcaster.start("node-" + nodeName, new ClientEventSink(client), Clock.systemUTC(),
                EventBroadcaster.DEFAULT_QUEUE_CAPACITY);
        PodReconciler reconciler = new PodReconciler(nodeName, registry, inventory, desired,
                new ApiPodStatusWriter(client, desired),
                configuration.getDefaultTerminationGracePeriod().toJavaDuration(), Clock.systemUTC(),
                events.newRecorder(new EventSource(EVENT_COMPONENT, nodeName)));
        this.sync = new PodSync(reconciler, desired, inventory, configuration.getSyncWorkers(),
                configuration.getSandboxPollInterval().toJavaDuration());
        this.heartbeatThread = daemonScheduler("node-heartbeat");
        this.statusThread = daemonScheduler("node-status");
    }

    /** Returns the heartbeat interval, at least 1 s and at most a third of the lease duration. */
    static Duration leaseRequestTimeout(NodeAgentConfiguration configuration) {
        long interval = configuration.getHeartbeatInterval().toMilliseconds();
        long third = configuration.getLeaseDuration().toMilliseconds() / 3;
        long floor = MIN_LEASE_REQUEST_TIMEOUT.toMillis();
        return Duration.ofMillis(Math.min(Math.max(interval, floor), Math.max(third, floor)));
    }

    private static ScheduledExecutorService daemonScheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Returns the node's name. */
    public String nodeName() {
        return nodeName;
    }

    /** Returns the pods bound to this node as the agent last saw them. */
    public DesiredPods desiredPods() {
        return desired;
    }

    /** Returns the view of the providers' sandboxes. */
    public SandboxInventory inventory() {
        return inventory;
    }

    /** Starts registration, heartbeat, recovery and the pod watch; the agent's HTTP port is {@code httpPort}. */
    public synchronized void start(int httpPort) {
        String endpoint = Objects.requireNonNullElse(configuration.getAgentEndpoint(), "http://127.0.0.1:" + httpPort);
        String version = Objects.requireNonNullElse(NodeAgent.class.getPackage().getImplementationVersion(), "dev");
        Duration leaseDuration = configuration.getLeaseDuration().toJavaDuration();
        registrar = new NodeRegistrar(client, nodeName, registry, allocatable, endpoint, version,
                configuration.getNodeStatusInterval().toJavaDuration(), Clock.systemUTC());
        heartbeat = new LeaseHeartbeat(leaseClient, nodeName, leaseDuration, Clock.systemUTC());

        LOG.info("node agent starting node={} servers={} stateDir={} endpoint={}", nodeName,
                configuration.resolvedServers(), configuration.resolvedStateDir().toAbsolutePath(), endpoint);
        startThread = new Thread(this::startSteps, "node-agent-start");
        startThread.setDaemon(true);
        startThread.start();
    }

    private void startSteps() {
        if (!retryUntilDone("registering node", registrar::register)) {
            return;
        }
        long interval = configuration.getHeartbeatInterval().toMilliseconds();
        heartbeatThread.scheduleWithFixedDelay(this::beat, 0, interval, TimeUnit.MILLISECONDS);
        statusThread.scheduleWithFixedDelay(this::refreshStatus, interval, interval, TimeUnit.MILLISECONDS);

        ObjectList<Pod>[] bound = new ObjectList[1];
        if (!retryUntilDone("listing bound pods", () -> bound[0] = client.list(Pod.class, null, null, fieldSelector()))) {
            return;
        }
        sync.start(bound[0].getItems());
        startWatch(bound[0].resourceVersion());
        LOG.info("node agent started node={} boundPods={} revision={}", nodeName, bound[0].getItems().size(),
                bound[0].resourceVersion());
    }

    private boolean retryUntilDone(String step, Runnable action) {
        for (int attempt = 1; !closed; attempt++) {
            try {
                action.run();
                return true;
            } catch (RuntimeException e) {
                LOG.warn("{} failed node={} attempt={}, retrying in {} ms: {}", step, nodeName, attempt,
                        STARTUP_RETRY.toMillis(), e.getMessage());
            }
            try {
                Thread.sleep(STARTUP_RETRY.toMillis());
            } catch (InterruptedException e) {
                return false;
            }
        }
        return false;
    }

    private String fieldSelector() {
        return "spec.nodeName=" + nodeName;
    }

    private synchronized void startWatch(String fromRevision) {
        if (closed) {
            return;
        }
        watch = watchClient.watch(Pod.class, null, null, fieldSelector(), fromRevision, new BoundPodListener());
    }

    /** Renews the lease and restarts a watch that stopped. */
    private void beat() {
        try {
            heartbeat.renew();
            consecutiveHeartbeatFailures = 0;
        } catch (RuntimeException e) {
            consecutiveHeartbeatFailures++;
            if (consecutiveHeartbeatFailures <= FAILURES_LOGGED_IN_FULL || consecutiveHeartbeatFailures % 30 == 0) {
                LOG.warn("heartbeat failed node={} consecutiveFailures={}: {}", nodeName,
                        consecutiveHeartbeatFailures, e.getMessage());
            }
        }

        WatchHandle current = watch;
        if (current != null && !current.isActive() && !closed) {
            LOG.info("pod watch stopped node={}; starting it again from a fresh list", nodeName);
            startWatch(null);
        }
    }

    /** Writes the Node status when the providers' capabilities changed or the refresh interval passed. */
    private void refreshStatus() {
        try {
            registrar.refresh();
        } catch (IllegalStateException e) {
            LOG.warn("node status refresh failed node={}: {}; registering again", nodeName, e.getMessage());
            registrar.forget();
            retryQuietly(registrar::register);
        } catch (RuntimeException e) {
            LOG.warn("node status refresh failed node={}: {}", nodeName, e.getMessage());
        }
    }

    private void retryQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("registering node failed node={}: {}", nodeName, e.getMessage());
        }
    }

    /** Stops the agent's threads; sandboxes keep running. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (startThread != null) {
            startThread.interrupt();
        }
        heartbeatThread.shutdownNow();
        statusThread.shutdownNow();
        if (watch != null) {
            watch.close();
        }
        sync.close();
        events.close();
        watchClient.close();
        leaseClient.close();
        client.close();
        LOG.info("node agent stopped node={}; sandboxes keep running", nodeName);
    }

    /** Feeds pod events of the watch to the sync. */
    private final class BoundPodListener implements WatchListener<Pod> {

        @Override
        public void onEvent(WatchEvent<Pod> event) {
            Pod pod = event.getObject();
            boolean boundHere = nodeName.equals(pod.getSpec().getNodeName());
            if (event.getType() == WatchEventType.DELETED || !boundHere) {
                sync.onDelete(pod);
            } else {
                sync.onUpsert(pod);
            }
        }

        @Override
        public void onResync(List<Pod> items, String resourceVersion) {
            LOG.info("bound pods listed again node={} pods={} revision={}", nodeName, items.size(), resourceVersion);
            sync.onResync(items.stream().filter(pod -> nodeName.equals(pod.getSpec().getNodeName())).toList());
        }

        @Override
        public void onClose(Throwable error) {
            if (error != null && !closed) {
                LOG.warn("pod watch stopped node={}: {}", nodeName, error.getMessage());
            }
        }
    }
}
