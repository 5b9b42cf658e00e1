package io.boss.chaos.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.boss.store.testing.LoopbackPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three boss-server replicas and two boss-node agents as separate JVMs on loopback ports, with a
 * {@link LinkProxy} on every directed Raft link so that a replica can be cut off from its peers.
 *
 * <p>Replica {@code ri} lists itself with its real Raft port and every other replica {@code rj}
 * with the port of the proxy for the link {@code ri -> rj}. Clients and agents reach the
 * replicas' HTTP ports directly, so an isolated replica still receives client requests, as in
 * a partition that separates servers but not clients.
 *
 * <p>{@link #close()} stops every process it started and every sandbox process its agents left
 * behind; a JVM shutdown hook does the same when the test JVM exits early.
 */
public final class ChaosCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosCluster.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> JAVA_OPTIONS = List.of("-Xmx192m", "-Xss512k", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1");

    private final ClusterSettings settings;
    private final Path workDir;
    private final List<String> replicaIds = new ArrayList<>();
    private final Map<String, Integer> httpPorts = new LinkedHashMap<>();
    private final Map<String, Integer> raftPorts = new LinkedHashMap<>();
    private final Map<String, ManagedProcess> replicas = new ConcurrentHashMap<>();
    private final Map<String, ManagedProcess> agents = new LinkedHashMap<>();
    private final Map<String, LinkProxy> links = new LinkedHashMap<>();
    private final Set<String> isolated = ConcurrentHashMap.newKeySet();
    private final SocketOwners socketOwners = new SocketOwners(this::replicaPids);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Thread shutdownHook = new Thread(this::stopEverything, "chaos-cluster-shutdown");

    private ChaosCluster(ClusterSettings settings, Path workDir) {
        this.settings = settings;
        this.workDir = workDir;
    }

    /**
     * Writes the configurations, starts the replicas, waits for a leader, then starts the agents.
     *
     * @throws IllegalStateException when a jar is missing or no leader is elected in time
     */
    public static ChaosCluster start(ClusterSettings settings, Path workDir) throws IOException {
        settings.checkJars();
        Files.createDirectories(workDir);
        ChaosCluster cluster = new ChaosCluster(settings, workDir);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.startReplicas();
            cluster.awaitLeader(Duration.ofSeconds(120));
            cluster.startAgents();
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public List<String> replicaIds() {
        return List.copyOf(replicaIds);
    }

    public List<String> agentNames() {
        return List.copyOf(agents.keySet());
    }

    public Path workDir() {
        return workDir;
    }

    /** Returns the directory under which every agent keeps its sandboxes. */
    public Path agentsDir() {
        return workDir.resolve("agents");
    }

    /** Returns the HTTP base URL of a replica. */
    public String endpoint(String replicaId) {
        return "http://127.0.0.1:" + httpPorts.get(replicaId);
    }

    /** Returns all replica URLs, starting with {@code first}, comma-separated for a BossClient. */
    public String endpointsStartingWith(String first) {
        List<String> ordered = new ArrayList<>();
        int start = replicaIds.indexOf(first);
        for (int i = 0; i < replicaIds.size(); i++) {
            ordered.add(endpoint(replicaIds.get((start + i) % replicaIds.size())));
        }
        return String.join(",", ordered);
    }

    public ManagedProcess replica(String id) {
        return replicas.get(id);
    }

    public ManagedProcess agent(String name) {
        return agents.get(name);
    }

    /**
     * Returns the leader as reported by a running, unpaused replica that is not cut off from the
     * others, or empty when none reports one.
     */
    public Optional<String> leader() {
        for (String id : replicaIds) {
            ManagedProcess replica = replicas.get(id);
            if (!replica.isAlive() || replica.isPaused() || isIsolated(id)) {
                continue;
            }
            Optional<String> leader = reportedLeader(id);
            if (leader.isPresent()) {
                return leader;
            }
        }
        return Optional.empty();
    }

    /** Returns the leader id replica {@code id} reports in its cluster view. */
    public Optional<String> reportedLeader(String id) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint(id) + "/api/v1/cluster"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode leader = JSON.readTree(response.body()).path("leaderId");
            return leader.isTextual() && !leader.asText().isEmpty() ? Optional.of(leader.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Waits until a replica reports a leader; returns its id. */
    public String awaitLeader(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> leader = leader();
            if (leader.isPresent()) {
                return leader.get();
            }
            pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException("no replica reported a Raft leader within " + timeout.toSeconds()
                + " s; see the server logs under " + workDir);
    }

    /** Cuts every link to and from {@code id}, and drops connections {@code id} opens through any proxy. */
    public void isolate(String id) {
        isolated.add(id);
        links.forEach((name, link) -> {
            if (name.startsWith(id + "->") || name.endsWith("->" + id)) {
                link.cut();
            } else {
                link.dropConnectionsFrom(id);
            }
        });
        LOG.info("isolated replica {} from its peers", id);
        warnAboutDirectConnections(id);
    }

    /**
     * Logs the Raft connections of {@code id} that bypass the proxies: a restarted replica may
     * dial the real port of the replica whose addresses Ratis stored in the log, and such a
     * connection the harness cannot cut.
     */
    private void warnAboutDirectConnections(String id) {
        for (String other : replicaIds) {
            if (other.equals(id)) {
                continue;
            }
            List<String> fromIsolated = socketOwners.clientsOf(raftPorts.get(other)).stream()
                    .filter(id::equals).toList();
            List<String> toIsolated = socketOwners.clientsOf(raftPorts.get(id)).stream()
                    .filter(other::equals).toList();
            if (!fromIsolated.isEmpty() || !toIsolated.isEmpty()) {
                LOG.warn("isolation of {} is partial: a direct Raft connection between {} and {} bypasses the proxies",
                        id, id, other);
            }
        }
    }

    /** Restores every cut link. */
    public void heal() {
        isolated.clear();
        links.values().forEach(LinkProxy::restore);
        LOG.info("restored every Raft link");
    }

    /** Returns true while {@code id} is isolated by {@link #isolate}. */
    public boolean isIsolated(String id) {
        return isolated.contains(id);
    }

    private Map<Long, String> replicaPids() {
        Map<Long, String> pids = new LinkedHashMap<>();
        replicas.forEach((id, process) -> {
            if (process.isAlive()) {
                pids.put(process.pid(), id);
            }
        });
        return pids;
    }

    /** Restarts a stopped replica with its data directory and configuration unchanged. */
    public void restartReplica(String id) throws IOException {
        replicas.get(id).start();
    }

    /** Restarts a stopped agent with its state directory unchanged. */
    public void restartAgent(String name) throws IOException {
        agents.get(name).start();
    }

    /** Stops every process, the sandboxes the agents left running included. */
    @Override
    public void close() {
        stopEverything();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            LOG.debug("JVM is shutting down; the hook runs anyway");
        }
    }

    private synchronized void stopEverything() {
        agents.values().forEach(agent -> agent.stop(5));
        replicas.values().forEach(replica -> replica.stop(10));
        links.values().forEach(LinkProxy::close);
        int killed = HostProcesses.killSandboxes(agentsDir());
        if (killed > 0) {
            LOG.info("killed {} sandbox process groups left under {}", killed, agentsDir());
        }
    }

    private void startReplicas() throws IOException {
        for (int i = 1; i <= settings.replicas(); i++) {
            String id = "r" + i;
            replicaIds.add(id);
            httpPorts.put(id, LoopbackPorts.next());
            raftPorts.put(id, LoopbackPorts.next());
        }
        for (String from : replicaIds) {
            for (String to : replicaIds) {
                if (!from.equals(to)) {
                    links.put(from + "->" + to, new LinkProxy(from, to, raftPorts.get(to), socketOwners, isolated));
                }
            }
        }
        for (String id : replicaIds) {
            Path dir = workDir.resolve("replica-" + id);
            Files.createDirectories(dir);
            Path config = dir.resolve("config.yml");
            Files.writeString(config, replicaConfig(id, dir));
            ManagedProcess process = new ManagedProcess("replica " + id, javaCommand(settings.serverJar(), config),
                    dir.resolve("server.log"));
            replicas.put(id, process);
            process.start();
        }
    }

    private void startAgents() throws IOException {
        String servers = replicaIds.stream().map(this::endpoint).collect(Collectors.joining(", "));
        for (int j = 1; j <= settings.agents(); j++) {
            String name = "node-" + j;
            Path dir = agentsDir().resolve(name);
            Files.createDirectories(dir);
            Path config = dir.resolve("config.yml");
            Files.writeString(config, agentConfig(name, dir, servers));
            ManagedProcess process = new ManagedProcess("agent " + name, javaCommand(settings.nodeJar(), config),
                    dir.resolve("agent.log"));
            agents.put(name, process);
            process.start();
        }
    }

    private String replicaConfig(String id, Path dir) throws IOException {
        StringBuilder peers = new StringBuilder();
        for (String peer : replicaIds) {
            int raftPort = peer.equals(id) ? raftPorts.get(peer) : links.get(id + "->" + peer).port();
            peers.append("  - id: ").append(peer).append('\n')
                    .append("    raftAddress: 127.0.0.1:").append(raftPort).append('\n')
                    .append("    httpAddress: ").append(endpoint(peer)).append('\n');
        }
        return "# Written by the chaos harness for replica " + id + ".\n"
                + "replicaId: " + id + "\n"
                + "dataDir: " + dir.resolve("data") + "\n"
                + "peers:\n" + peers
                + "raft:\n"
                + "  snapshotThreshold: " + settings.snapshotThreshold() + "\n"
                + "  requestTimeout: 3s\n"
                + "api:\n"
                + "  bookmarkInterval: 1s\n"
                + "server:\n"
                + "  type: default\n"
                + "  registerDefaultExceptionMappers: false\n"
                + "  applicationConnectors:\n"
                + "    - type: http\n"
                + "      bindHost: 127.0.0.1\n"
                + "      port: " + httpPorts.get(id) + "\n"
                + "  adminConnectors:\n"
                + "    - type: http\n"
                + "      bindHost: 127.0.0.1\n"
                + "      port: " + LoopbackPorts.next() + "\n";
    }

    private static String agentConfig(String name, Path dir, String servers) throws IOException {
        return "# Written by the chaos harness for node agent " + name + ".\n"
                + "nodeName: " + name + "\n"
                + "servers: [" + servers + "]\n"
                + "stateDir: " + dir.resolve("state") + "\n"
                + "heartbeatInterval: 1s\n"
                + "providers:\n"
                + "  namespaced:\n"
                + "    enabled: false\n"
                + "server:\n"
                + "  type: simple\n"
                + "  applicationContextPath: /\n"
                + "  connector:\n"
                + "    type: http\n"
                + "    bindHost: 127.0.0.1\n"
                + "    port: " + LoopbackPorts.next() + "\n";
    }

    private static List<String> javaCommand(Path jar, Path config) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JAVA_OPTIONS);
        command.add("-jar");
        command.add(jar.toString());
        command.add("server");
        command.add(config.toString());
        return command;
    }


    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cluster", e);
        }
    }
}
