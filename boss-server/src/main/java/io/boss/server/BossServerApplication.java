package io.boss.server;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Timer;
import io.boss.api.json.Serialization;
import io.boss.api.validation.ResourceValidator;
import io.boss.server.cluster.ClusterViews;
import io.boss.server.config.BossServerConfiguration;
import io.boss.server.config.PeerConfig;
import io.boss.server.controller.ControllerManager;
import io.boss.server.errors.ApiExceptionMapper;
import io.boss.server.health.RaftCaughtUpHealthCheck;
import io.boss.server.health.RaftLeaderHealthCheck;
import io.boss.server.leader.LeaderElectedService;
import io.boss.server.leader.LeadershipManager;
import io.boss.server.scheduler.Scheduler;
import io.boss.server.scheduler.SchedulerSettings;
import io.boss.server.logging.RatisClientLogging;
import io.boss.server.logging.ReplicaConverter;
import io.boss.server.logging.ReplicaMdcFilter;
import io.boss.server.registry.ObjectValidator;
import io.boss.server.registry.ResourceCodec;
import io.boss.server.registry.ResourceRegistry;
import io.boss.server.resources.ClusterResource;
import io.boss.server.resources.ObjectsResource;
import io.boss.server.security.SecuritySetup;
import io.boss.server.resources.PodLogResource;
import io.boss.server.watch.WatchStreamer;
import io.boss.store.Registry;
import io.boss.store.ratis.RatisRegistry;
import io.boss.store.ratis.RegistryConfig;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.util.component.LifeCycle;
import org.glassfish.jersey.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The boss API server: one process per replica of the control plane.
 *
 * <p>{@link #run} is the composition root. It starts this replica's Raft store, builds the typed
 * registry, watch streamer and API resources over it, and hands the leader-only services to a
 * {@link LeadershipManager}. Started with no arguments it runs {@code server} with the built-in
 * defaults: a single-replica group on loopback ports.
 */
public class BossServerApplication extends Application<BossServerConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(BossServerApplication.class);

    private final List<Function<ServerContext, LeaderElectedService>> extraLeaderServices;
    private volatile ServerContext context;
    private volatile LeadershipManager leadership;

    public BossServerApplication() {
        this(List.of());
    }

    /** Creates the application with leader-only services beyond the built-in ones, as tests and embedders need. */
    public BossServerApplication(List<Function<ServerContext, LeaderElectedService>> extraLeaderServices) {
        this.extraLeaderServices = List.copyOf(extraLeaderServices);
    }

    public static void main(String[] args) throws Exception {
        String[] arguments = args.length == 0 ? new String[] {"server"} : args;
        new BossServerApplication().run(arguments);
    }

    @Override
    public String getName() {
        return "boss-server";
    }

    @Override
    public void initialize(Bootstrap<BossServerConfiguration> bootstrap) {
        ReplicaConverter.install();
    }

    @Override
    public void run(BossServerConfiguration configuration, Environment environment) {
        String replicaId = configuration.getReplicaId();
        ReplicaConverter.register(replicaId);
        RatisClientLogging.silenceFailedAttempts();
        Serialization.configure(environment.getObjectMapper());
        SecuritySetup.checkConfiguration(configuration);

        Registry store = startStore(configuration);
        // Managed objects stop in reverse order, so the store, managed first, closes last.
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                store.close();
                ReplicaConverter.unregister(replicaId);
                LOG.info("Replica {} closed its Raft store", replicaId);
            }
        });
        ServerContext context = buildContext(configuration, environment, store);
        this.context = context;

        registerApi(configuration, environment, context);
        SecuritySetup.install(configuration, environment, context);
        registerHealthAndMetrics(configuration, environment, context);
        this.leadership = registerLeadership(configuration, environment, context);
    }

    /** Returns the running replica's parts, or null before {@link #run} finished. */
    public ServerContext context() {
        return context;
    }

    /** Returns the leadership manager, or null before {@link #run} finished. */
    public LeadershipManager leadership() {
        return leadership;
    }

    /**
     * Builds the leader-only services that every replica runs: later work (scheduler,
     * controllers) adds its services here. Each one is started on gaining Raft leadership and
     * stopped on losing it.
     */
    protected List<LeaderElectedService> builtInLeaderServices(ServerContext context) {
        List<LeaderElectedService> services = new ArrayList<>();
        services.add(new Scheduler(context.store(), SchedulerSettings.defaults(), Clock.systemUTC()));
        BossServerConfiguration configuration = context.configuration();
        if (configuration.getControllers().isEnabled()) {
            services.add(new ControllerManager(context.store(), configuration.getControllers(), Clock.systemUTC(),
                    new SecureRandom(), configuration.getRaft().getRequestTimeout().toJavaDuration()));
        }
        return services;
    }

    private List<LeaderElectedService> leaderServices(ServerContext context) {
        List<LeaderElectedService> services = new ArrayList<>(builtInLeaderServices(context));
        for (Function<ServerContext, LeaderElectedService> factory : extraLeaderServices) {
            services.add(factory.apply(context));
        }
        return services;
    }

    private static Registry startStore(BossServerConfiguration configuration) {
        Map<String, String> peers = new LinkedHashMap<>();
        for (PeerConfig peer : configuration.effectivePeers()) {
            peers.put(peer.getId(), peer.getRaftAddress());
        }

        long maxRequestBytes = configuration.getApi().getMaxRequestBytes().toBytes();
        // A stored object is the request body plus server-set metadata, so it may be slightly larger.
        int maxValueBytes = (int) Math.min(Integer.MAX_VALUE, maxRequestBytes + 64 * 1024);
        RegistryConfig registryConfig = new RegistryConfig(
                configuration.getReplicaId(),
                peers,
                configuration.effectiveDataDir(),
                configuration.getRaft().getSnapshotThreshold(),
                configuration.getRaft().getRequestTimeout().toJavaDuration(),
                configuration.getRaft().getWatchHistorySize(),
                RegistryConfig.DEFAULT_WATCH_BUFFER_SIZE,
                maxValueBytes,
                RegistryConfig.DEFAULT_LOG_SEGMENT_BYTES);

        LOG.info("Starting replica {} of a {}-replica group, Raft on {}, data in {}", configuration.getReplicaId(),
                peers.size(), registryConfig.raftAddress(), registryConfig.dataDirectory().toAbsolutePath());
        return RatisRegistry.start(registryConfig);
    }

    private static ServerContext buildContext(BossServerConfiguration configuration, Environment environment,
                                              Registry store) {
        Duration requestTimeout = configuration.getRaft().getRequestTimeout().toJavaDuration();
        Timer commitTimer = environment.metrics().timer("boss.raft.commit");
        ObjectValidator validator = resource -> ResourceValidator.validate(resource).stream()
                .map(error -> error.path() + ": " + error.message())
                .toList();

        ResourceCodec codec = new ResourceCodec();
        ResourceRegistry registry = new ResourceRegistry(store, codec, validator, Clock.systemUTC(), requestTimeout,
                configuration.getApi().getMaxUpdateAttempts(), commitTimer);
        WatchStreamer watches = new WatchStreamer(store, registry, codec.json(),
                configuration.getApi().getBookmarkInterval().toJavaDuration(), requestTimeout);
        return new ServerContext(configuration, store, registry, codec, watches, environment.metrics());
    }

    private static void registerApi(BossServerConfiguration configuration, Environment environment, ServerContext context) {
        // Jersey buffers the first 8 KiB of a response to compute Content-Length and ignores flush()
        // until then, so watch events would wait in the buffer. Without it, every flush reaches the client.
        environment.jersey().property(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 0);
        environment.jersey().register(new ApiExceptionMapper());
        environment.jersey().register(new ObjectsResource(context.registry(), context.codec(), context.watches(),
                configuration.getApi().getMaxRequestBytes().toBytes()));
        environment.jersey().register(new PodLogResource(context.registry()));
        environment.jersey().register(new ClusterResource(
                new ClusterViews(context.store(), configuration.effectivePeers())));

        ReplicaMdcFilter mdcFilter = new ReplicaMdcFilter(configuration.getReplicaId());
        environment.servlets().addFilter("replica-mdc", mdcFilter)
                .addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), true, "/*");
        environment.admin().addFilter("replica-mdc", mdcFilter)
                .addMappingForUrlPatterns(EnumSet.allOf(DispatcherType.class), true, "/*");

        // Open watches would hold up Jetty's graceful stop for the whole grace period.
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopping(LifeCycle event) {
                context.watches().closeAll();
            }
        });
    }

    private static void registerHealthAndMetrics(BossServerConfiguration configuration, Environment environment,
                                                 ServerContext context) {
        environment.healthChecks().register("raft-leader", new RaftLeaderHealthCheck(context.store()));
        environment.healthChecks().register("raft-caught-up",
                new RaftCaughtUpHealthCheck(context.store(), configuration.getRaft().getMaxAppliedLag()));
        environment.metrics().register("boss.watches.open", (Gauge<Integer>) context.watches()::openWatches);
    }

    private LeadershipManager registerLeadership(BossServerConfiguration configuration, Environment environment,
                                                 ServerContext context) {
        LeadershipManager manager = new LeadershipManager(context.store(), configuration.getReplicaId(),
                configuration.getLeadership().getServiceStopTimeout().toJavaDuration());
        if (configuration.getLeadership().isEnabled()) {
            leaderServices(context).forEach(manager::register);
        }
        environment.lifecycle().manage(manager);
        return manager;
    }
}
