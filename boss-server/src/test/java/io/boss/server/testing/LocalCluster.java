package io.boss.server.testing;

import com.fasterxml.jackson.databind.node.TextNode;
import io.boss.server.BossServerApplication;
import io.boss.server.ServerContext;
import io.boss.server.config.BossServerConfiguration;
import io.boss.server.config.PeerConfig;
import io.boss.server.leader.LeaderElectedService;
import io.boss.store.testing.LoopbackPorts;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.testing.DropwizardTestSupport;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.awaitility.Awaitility.await;

/**
 * An N-replica boss-server cluster inside the test JVM: each replica is a real Dropwizard
 * application with its own Ratis server, data directory and loopback ports.
 *
 * <p>Other modules' tests use it through this module's test-jar:
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.builder(tempDir).replicas(3).start()) {
 *     URI api = cluster.replica(0).apiUri();
 *     ...
 * }
 * }</pre>
 * A stopped replica can be started again on the same ports and data directory, as after a crash.
 * Not thread-safe: drive it from the test thread.
 */
public final class LocalCluster implements AutoCloseable {

    private final List<Replica> replicas;

    private LocalCluster(List<Replica> replicas) {
        this.replicas = replicas;
    }

    public static Builder builder(Path baseDirectory) {
        return new Builder(baseDirectory);
    }

    public List<Replica> replicas() {
        return List.copyOf(replicas);
    }

    public Replica replica(int index) {
        return replicas.get(index);
    }

    /** Returns the running replicas. */
    public List<Replica> running() {
        return replicas.stream().filter(Replica::isRunning).toList();
    }

    /** Waits until a running replica is Raft leader and returns it. */
    public Replica awaitLeader(Duration timeout) {
        Replica[] leader = new Replica[1];
        await("a running replica to become Raft leader").atMost(timeout).until(() -> {
            for (Replica replica : running()) {
                if (replica.context().store().isLeader()) {
                    leader[0] = replica;
                    return true;
                }
            }
            return false;
        });
        return leader[0];
    }

    /** Stops every running replica. */
    @Override
    public void close() {
        for (Replica replica : replicas) {
            if (replica.isRunning()) {
                replica.stop();
            }
        }
    }

    /** Settings of a cluster to start. */
    public static final class Builder {

        private final Path baseDirectory;
        private int replicaCount = 3;
        private final List<Function<ServerContext, LeaderElectedService>> leaderServices = new ArrayList<>();
        private Consumer<BossServerConfiguration> customizer = configuration -> { };
        private boolean builtInLeaderServices = true;

        private Builder(Path baseDirectory) {
            this.baseDirectory = baseDirectory;
        }

        public Builder replicas(int count) {
            this.replicaCount = count;
            return this;
        }

        /** Adds a leader-only service to every replica; the factory runs once per replica start. */
        public Builder leaderService(Function<ServerContext, LeaderElectedService> factory) {
            this.leaderServices.add(factory);
            return this;
        }

        /**
         * Leaves out the built-in leader-only services (the scheduler and controllers), for tests
         * that must see only their own writes. Services added with {@link #leaderService} still run.
         */
        public Builder withoutBuiltInLeaderServices() {
            this.builtInLeaderServices = false;
            return this;
        }

        /** Changes each replica's configuration before it starts, for example its timeouts. */
        public Builder configure(Consumer<BossServerConfiguration> customizer) {
            this.customizer = customizer;
            return this;
        }

        /** Starts every replica and waits until the group has a leader. */
        public LocalCluster start() {
            List<PeerConfig> peers = new ArrayList<>();
            List<int[]> ports = new ArrayList<>();
            for (int i = 0; i < replicaCount; i++) {
                int raftPort = LoopbackPorts.next();
                int httpPort = LoopbackPorts.next();
                int adminPort = LoopbackPorts.next();
                peers.add(new PeerConfig("r" + (i + 1), "127.0.0.1:" + raftPort, "http://127.0.0.1:" + httpPort));
                ports.add(new int[] {httpPort, adminPort});
            }

            List<Replica> replicas = new ArrayList<>();
            for (int i = 0; i < replicaCount; i++) {
                BossServerConfiguration configuration = configuration(peers, peers.get(i), ports.get(i));
                replicas.add(new Replica(configuration, List.copyOf(leaderServices), builtInLeaderServices));
            }
            LocalCluster cluster = new LocalCluster(replicas);
            try {
                replicas.parallelStream().forEach(Replica::start);
                cluster.awaitLeader(Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
            return cluster;
        }

        private BossServerConfiguration configuration(List<PeerConfig> peers, PeerConfig self, int[] ports) {
            BossServerConfiguration configuration = new BossServerConfiguration();
            configuration.setReplicaId(self.getId());
            configuration.setPeers(peers);
            configuration.setDataDir(baseDirectory.resolve(self.getId()).toString());
            configuration.getRaft().setRequestTimeout(io.dropwizard.util.Duration.seconds(3));

            DefaultServerFactory server = (DefaultServerFactory) configuration.getServerFactory();
            ((HttpConnectorFactory) server.getApplicationConnectors().get(0)).setPort(ports[0]);
            ((HttpConnectorFactory) server.getAdminConnectors().get(0)).setPort(ports[1]);
            server.setShutdownGracePeriod(io.dropwizard.util.Duration.seconds(2));
            quietLogging(configuration);

            customizer.accept(configuration);
            return configuration;
        }

        /**
         * Keeps boss's INFO lines and drops the detail of Ratis, Netty and Jetty, which floods test
         * output: a stopped replica makes Ratis log a connection stack trace per retry at WARN.
         */
        private static void quietLogging(BossServerConfiguration configuration) {
            DefaultLoggingFactory logging = (DefaultLoggingFactory) configuration.getLoggingFactory();
            logging.setLevel("WARN");
            logging.setLoggers(Map.of("io.boss", TextNode.valueOf("INFO"), "org.apache.ratis", TextNode.valueOf("ERROR")));
        }
    }

    /** One replica: a Dropwizard application that can be stopped and started again. */
    public static final class Replica {

        private final BossServerConfiguration configuration;
        private final List<Function<ServerContext, LeaderElectedService>> leaderServices;
        private final boolean builtInLeaderServices;
        private DropwizardTestSupport<BossServerConfiguration> support;

        private Replica(BossServerConfiguration configuration,
                        List<Function<ServerContext, LeaderElectedService>> leaderServices,
                        boolean builtInLeaderServices) {
            this.configuration = configuration;
            this.leaderServices = leaderServices;
            this.builtInLeaderServices = builtInLeaderServices;
        }

        public String id() {
            return configuration.getReplicaId();
        }

        /** Base URI of the HTTP API, such as http://127.0.0.1:41234. */
        public URI apiUri() {
            return URI.create(self().getHttpAddress());
        }

        /** Base URI of the admin port (health checks, metrics). */
        public URI adminUri() {
            int port = ((HttpConnectorFactory) ((DefaultServerFactory) configuration.getServerFactory())
                    .getAdminConnectors().get(0)).getPort();
            return URI.create("http://127.0.0.1:" + port);
        }

        public boolean isRunning() {
            return support != null;
        }

        /** Returns the running application's parts; fails when the replica is stopped. */
        public ServerContext context() {
            return application().context();
        }

        public BossServerApplication application() {
            if (support == null) {
                throw new IllegalStateException("Replica " + id() + " is stopped");
            }
            return support.getApplication();
        }

        /** Starts the replica on its ports and data directory. */
        public synchronized void start() {
            if (support != null) {
                return;
            }
            DropwizardTestSupport<BossServerConfiguration> starting =
                    new DropwizardTestSupport<>(BossServerApplication.class, configuration) {
                        @Override
                        public Application<BossServerConfiguration> newApplication() {
                            if (builtInLeaderServices) {
                                return new BossServerApplication(leaderServices);
                            }
                            return new BossServerApplication(leaderServices) {
                                @Override
                                protected List<LeaderElectedService> builtInLeaderServices(ServerContext context) {
                                    return List.of();
                                }
                            };
                        }
                    };
            try {
                starting.before();
            } catch (Exception e) {
                starting.after();
                throw new IllegalStateException("Failed to start replica " + id(), e);
            }
            support = starting;
        }

        /** Stops the replica: its HTTP server, leader-only services and Raft server. */
        public synchronized void stop() {
            if (support == null) {
                return;
            }
            DropwizardTestSupport<BossServerConfiguration> stopping = support;
            support = null;
            stopping.after();
        }

        private PeerConfig self() {
            return configuration.getPeers().stream()
                    .filter(peer -> peer.getId().equals(id()))
                    .findFirst()
                    .orElseThrow();
        }
    }
}
