package io.boss.bench.http;

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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Three boss server replicas, and optionally node agents, running as child JVMs on loopback ports
 * picked at start, with configuration, data and logs in a temporary directory.
 *
 * <p>The server and agent jars are copied into that directory first, so a rebuild of the checkout
 * during a run does not change the processes a benchmark restarts. {@link #close()} stops every
 * child process and any process they started; a shutdown hook does the same when the benchmark
 * JVM exits early. Not thread-safe: one benchmark thread starts, kills and restarts processes.
 */
public final class ClusterProcesses implements AutoCloseable {

    /** Options of every child JVM: a 256 MiB heap, and a metaspace size that avoids full GCs during startup. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:MetaspaceSize=128m");
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Path serverJar;
    private final Path nodeJar;
    private final List<Replica> replicas = new ArrayList<>();
    private final List<Process> agents = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Thread shutdownHook = new Thread(this::stopAll, "boss-bench-cluster-stop");

    /** One server replica: its id, ports, config file and the process currently running it. */
    public static final class Replica {
        private final String id;
        private final int httpPort;
        private final int adminPort;
        private final Path config;
        private Process process;

        private Replica(String id, int httpPort, int adminPort, Path config) {
            this.id = id;
            this.httpPort = httpPort;
            this.adminPort = adminPort;
            this.config = config;
        }

        public String id() {
            return id;
        }

        public URI httpAddress() {
            return URI.create("http://127.0.0.1:" + httpPort);
        }

        /** Returns the URL of Dropwizard's admin pages, such as {@code /metrics}. */
        public URI adminAddress() {
            return URI.create("http://127.0.0.1:" + adminPort);
        }

        public boolean isRunning() {
            return process != null && process.isAlive();
        }
    }

    private ClusterProcesses(Path directory, Path serverJar, Path nodeJar) {
        this.directory = directory;
        this.serverJar = serverJar;
        this.nodeJar = nodeJar;
    }

    /**
     * Copies the jars of the checkout at {@code checkout} into a new temporary directory and starts
     * three replicas there; returns once one of them reports a leader.
     *
     * @throws IllegalStateException when a jar is missing or no leader is elected within 90 s
     */
    public static ClusterProcesses startReplicas(Path checkout) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("boss-bench-cluster");
        Path serverJar = copyJar(checkout.resolve("boss-server/target/boss-server.jar"), directory);
        Path nodeJar = copyJar(checkout.resolve("boss-node/target/boss-node.jar"), directory);
        ClusterProcesses cluster = new ClusterProcesses(directory, serverJar, nodeJar);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.writeReplicaConfigs(3);
            for (Replica replica : cluster.replicas) {
                cluster.start(replica);
            }
            cluster.awaitLeader(Duration.ofSeconds(90));
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public List<Replica> replicas() {
        return List.copyOf(replicas);
    }

    public Replica replica(String id) {
        return replicas.stream().filter(replica -> replica.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no replica with id " + id));
    }

    /** Returns the comma-separated HTTP addresses of every replica, as BossClient and agents take them. */
    public String endpoints() {
        return String.join(",", replicas.stream().map(replica -> replica.httpAddress().toString()).toList());
    }

    public Path directory() {
        return directory;
    }

    /**
     * Starts a node agent named {@code nodeName} with the process provider only, and with
     * {@code syncWorkers} pod sync threads, or the agent's default when it is 0.
     */
    public void startAgent(String nodeName, int syncWorkers) throws IOException {
        startAgent(nodeName, syncWorkers, List.of("  namespaced:", "    enabled: false"));
    }

    /**
     * Starts a node agent named {@code nodeName} whose {@code providers:} section is
     * {@code providerLines} (YAML lines indented by two spaces); an empty list keeps every
     * provider the agent finds usable.
     */
    public void startAgent(String nodeName, int syncWorkers, List<String> providerLines) throws IOException {
        Path home = Files.createDirectories(directory.resolve(nodeName));
        Path config = home.resolve("config.yml");
        String servers = String.join(", ", replicas.stream().map(replica -> replica.httpAddress().toString()).toList());
        Files.writeString(config, String.join("\n",
                "nodeName: " + nodeName,
                "servers: [" + servers + "]",
                "stateDir: " + home.resolve("state"),
                syncWorkers > 0 ? "syncWorkers: " + syncWorkers : "",
                providerLines.isEmpty() ? "" : "providers:",
                String.join("\n", providerLines),
                "server:",
                "  type: simple",
                "  applicationContextPath: /",
                "  connector:",
                "    type: http",
                "    bindHost: 127.0.0.1",
                "    port: " + LoopbackPorts.next(),
                "logging:",
                "  level: INFO",
                ""));
        agents.add(launch(nodeJar, config, home.resolve("agent.log")));
    }

    /** Kills the replica's JVM with SIGKILL and waits until it is gone. */
    public void kill(Replica replica) throws InterruptedException {
        replica.process.destroyForcibly();
        replica.process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
    }

    /** Starts the replica again with its previous configuration and data directory. */
    public void restart(Replica replica) throws IOException {
        if (replica.isRunning()) {
            throw new IllegalStateException("replica " + replica.id + " is still running as pid " + replica.process.pid());
        }
        start(replica);
    }

    /**
     * Returns the cluster view of the first running replica that responds to
     * {@code GET /api/v1/cluster} within one second, or empty when none does.
     */
    public Optional<JsonNode> clusterView(List<Replica> candidates) {
        for (Replica replica : candidates) {
            if (!replica.isRunning()) {
                continue;
            }
            Optional<JsonNode> view = clusterView(replica);
            if (view.isPresent()) {
                return view;
            }
        }
        return Optional.empty();
    }

    /** Returns the cluster view as {@code replica} serves it, or empty when it does not respond. */
    public Optional<JsonNode> clusterView(Replica replica) {
        HttpRequest request = HttpRequest.newBuilder(replica.httpAddress().resolve("/api/v1/cluster"))
                .timeout(Duration.ofSeconds(1)).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(JSON.readTree(response.body()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Returns the metrics of {@code replica} as its admin page {@code /metrics} serves them, or
     * empty when it does not respond.
     */
    public Optional<JsonNode> metrics(Replica replica) {
        HttpRequest request = HttpRequest.newBuilder(replica.adminAddress().resolve("/metrics"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Waits until a running replica reports a leader that is itself running, and returns it. */
    public Replica awaitLeader(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Replica> leader = clusterView(replicas).map(view -> view.path("leaderId").asText(""))
                    .filter(id -> !id.isEmpty()).map(this::replica).filter(Replica::isRunning);
            if (leader.isPresent()) {
                return leader.get();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no leader elected within " + timeout.toSeconds() + " s; see the logs under "
                + directory);
    }

    /**
     * Stops every agent and replica, agents first so they do not spend the shutdown failing over
     * between stopping replicas, then kills any process they left behind, such as sandboxes.
     */
    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself.
        }
    }

    /** Deletes the temporary directory with its data and logs. */
    public void deleteDirectory() throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private synchronized void stopAll() {
        List<ProcessHandle> leftovers = new ArrayList<>();
        for (Process agent : agents) {
            leftovers.addAll(agent.descendants().toList());
            stop(agent);
        }
        for (Replica replica : replicas) {
            if (replica.process != null) {
                leftovers.addAll(replica.process.descendants().toList());
                stop(replica.process);
            }
        }
        for (ProcessHandle leftover : leftovers) {
            leftover.destroyForcibly();
        }
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void writeReplicaConfigs(int count) throws IOException {
        List<String> peers = new ArrayList<>();
        List<int[]> ports = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int[] replicaPorts = {LoopbackPorts.next(), LoopbackPorts.next(), LoopbackPorts.next()};
            ports.add(replicaPorts);
            peers.add("  - id: r" + i + "\n"
                    + "    raftAddress: 127.0.0.1:" + replicaPorts[2] + "\n"
                    + "    httpAddress: http://127.0.0.1:" + replicaPorts[0]);
        }
        for (int i = 1; i <= count; i++) {
            Path home = Files.createDirectories(directory.resolve("r" + i));
            int[] replicaPorts = ports.get(i - 1);
            Path config = home.resolve("config.yml");
            Files.writeString(config, String.join("\n",
                    "replicaId: r" + i,
                    "dataDir: " + home.resolve("data"),
                    "peers:",
                    String.join("\n", peers),
                    "server:",
                    "  type: default",
                    "  registerDefaultExceptionMappers: false",
                    "  requestLog:",
                    "    appenders: []",
                    "  applicationConnectors:",
                    "    - type: http",
                    "      bindHost: 127.0.0.1",
                    "      port: " + replicaPorts[0],
                    "  adminConnectors:",
                    "    - type: http",
                    "      bindHost: 127.0.0.1",
                    "      port: " + replicaPorts[1],
                    "logging:",
                    "  level: INFO",
                    "  loggers:",
                    "    org.apache.ratis: WARN",
                    ""));
            replicas.add(new Replica("r" + i, replicaPorts[0], replicaPorts[1], config));
        }
    }

    private void start(Replica replica) throws IOException {
        replica.process = launch(serverJar, replica.config, replica.config.resolveSibling("server.log"));
    }

    /** Starts {@code java -jar jar server config}, appending its output to {@code log}. */
    private static Process launch(Path jar, Path config, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        // GC pauses longer than the Raft election timeout cause elections, so every run keeps a GC log.
        command.add("-Xlog:gc:file=" + log.resolveSibling("gc.log") + "::filecount=0");
        command.addAll(List.of("-jar", jar.toString(), "server", config.toString()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    private static Path copyJar(Path jar, Path directory) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it with: mvn -B -pl boss-server,boss-node -am "
                    + "package -DskipTests");
        }
        return Files.copy(jar, directory.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
}
