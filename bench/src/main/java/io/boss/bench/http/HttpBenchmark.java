package io.boss.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Measures the HTTP API of three boss server replicas running as child JVMs on loopback:
 * create and read throughput with 1 and 32 closed-loop clients, then leader failover time.
 *
 * <p>A create is {@code POST /api/v1/namespaces/bench/leases} of a Lease of about 200 bytes of
 * JSON, because no controller reacts to a Lease outside the agents' lease namespace; a read is a
 * linearizable {@code GET} of a Lease created before. The single client sends to the leader. The
 * 32 clients are spread evenly over the three replicas, so two thirds of their writes reach the
 * leader through a follower. With {@code --mode etcd} the same create and read load goes to a
 * three-member etcd through its JSON gateway instead (see {@link EtcdProcesses}).
 *
 * <p>Options: {@code --seconds N} per phase (default 10), {@code --warmup N} seconds of 32-client
 * creates before the first measured phase (default 30), {@code --trials N} failover trials
 * (default 10; 0 skips them), {@code --checkout DIR} with the built jars (default the current
 * directory), {@code --mode boss|etcd|both} (default boss; both runs the etcd phases right after
 * the boss phases, while the boss replicas idle, so the two see similar host load), {@code --keep}
 * to keep the temporary directories with data and logs.
 */
public final class HttpBenchmark {

    static final int MANY_CLIENTS = 32;
    private static final int READ_KEYS = 200;
    private static final int SEED_CLIENTS = 8;
    private static final String NAMESPACE = "bench";

    private final HttpLoad load = new HttpLoad();
    private final Duration phaseLength;
    private final Duration warmUp;

    private HttpBenchmark(Duration phaseLength, Duration warmUp) {
        this.phaseLength = phaseLength;
        this.warmUp = warmUp;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parseOptions(args);
        Duration phaseLength = Duration.ofSeconds(Integer.parseInt(options.getOrDefault("seconds", "10")));
        int trials = Integer.parseInt(options.getOrDefault("trials", "10"));
        Path checkout = Path.of(options.getOrDefault("checkout", ".")).toAbsolutePath();
        boolean keep = options.containsKey("keep");
        String mode = options.getOrDefault("mode", "boss");

        Duration warmUp = Duration.ofSeconds(Integer.parseInt(options.getOrDefault("warmup", "30")));
        HttpBenchmark benchmark = new HttpBenchmark(phaseLength, warmUp);
        switch (mode) {
            case "boss" -> benchmark.runBoss(checkout, trials, keep, false);
            case "etcd" -> benchmark.runEtcd(keep);
            case "both" -> benchmark.runBoss(checkout, trials, keep, true);
            default -> throw new IllegalArgumentException("invalid --mode " + mode + ": expected boss, etcd or both");
        }
    }

    private void runBoss(Path checkout, int trials, boolean keep, boolean withEtcd) throws Exception {
        System.out.printf("http benchmark: 3 boss replicas as child JVMs (-Xmx256m), %d s per phase, %s%n",
                phaseLength.toSeconds(), Latencies.hostLoad());
        ClusterProcesses cluster = ClusterProcesses.startReplicas(checkout);
        try {
            ClusterProcesses.Replica leader = cluster.awaitLeader(Duration.ofSeconds(30));
            System.out.println("cluster up in " + cluster.directory() + "; leader " + leader.id());
            List<URI> spread = cluster.replicas().stream().map(ClusterProcesses.Replica::httpAddress).toList();
            List<URI> leaderOnly = List.of(leader.httpAddress());

            // The warm-up lets the JIT compilers of all four JVMs finish the hot paths before the measured phases.
            load.run("warm-up", MANY_CLIENTS, warmUp, 201, bossCreate(spread, "w")).print();
            load.run("create, 1 client (leader)", 1, phaseLength, 201, bossCreate(leaderOnly, "a")).print();
            load.run("create, 32 clients (3 replicas)", MANY_CLIENTS, phaseLength, 201, bossCreate(spread, "b")).print();
            printServerTimers(cluster, leader);
            seed((client, sequence) -> bossCreateRequest(spread.get(client % spread.size()), "r-" + sequence, client), 201);
            load.run("read, 1 client (leader)", 1, phaseLength, 200, bossRead(leaderOnly)).print();
            load.run("read, 32 clients (3 replicas)", MANY_CLIENTS, phaseLength, 200, bossRead(spread)).print();

            if (withEtcd) {
                runEtcd(keep);
            }
            if (trials > 0) {
                new FailoverTrials(cluster, load).run(trials);
            }
        } finally {
            cluster.close();
            if (!keep) {
                cluster.deleteDirectory();
            }
        }
    }

    /**
     * Prints the leader's own timing of the creates so far: the whole request inside the server
     * (Dropwizard's {@code @Timed} metric of the create method) and the store commit within it. The
     * rest of the client's latency is spent in the HTTP client, Jetty's queues and the kernel.
     */
    private static void printServerTimers(ClusterProcesses cluster, ClusterProcesses.Replica leader) {
        cluster.metrics(leader).ifPresent(metrics -> metrics.path("timers").fields().forEachRemaining(timer -> {
            String name = timer.getKey();
            if (name.endsWith("ObjectsResource.create") || name.equals("boss.raft.commit")) {
                JsonNode value = timer.getValue();
                System.out.printf("    leader %s timer %s: %,d calls, p50 %.2f ms, p99 %.2f ms (decaying sample)%n",
                        leader.id(), name, value.path("count").asLong(), value.path("p50").asDouble() * 1000,
                        value.path("p99").asDouble() * 1000);
            }
        }));
    }

    private void runEtcd(boolean keep) throws Exception {
        System.out.printf("http benchmark: 3 etcd members through the JSON gateway, %d s per phase, %s%n",
                phaseLength.toSeconds(), Latencies.hostLoad());
        try (EtcdProcesses etcd = EtcdProcesses.start(keep)) {
            List<URI> members = etcd.clientAddresses();
            List<URI> first = List.of(members.get(0));
            load.run("warm-up", MANY_CLIENTS, Duration.ofSeconds(5), 200, etcdPut(members, "w"));
            load.run("etcd put, 1 client (member 1)", 1, phaseLength, 200, etcdPut(first, "a")).print();
            load.run("etcd put, 32 clients (3 members)", MANY_CLIENTS, phaseLength, 200, etcdPut(members, "b")).print();
            seed((client, sequence) -> etcdPutRequest(members.get(client % members.size()), "r-" + sequence, client), 200);
            load.run("etcd range, 1 client (member 1)", 1, phaseLength, 200, etcdRange(first)).print();
            load.run("etcd range, 32 clients (3 members)", MANY_CLIENTS, phaseLength, 200, etcdRange(members)).print();
        }
    }

    /** Returns the JSON of Lease {@code name} in the bench namespace, about 200 bytes. */
    static byte[] leaseJson(String name, int client) {
        return ("{\"apiVersion\":\"boss.io/v1\",\"kind\":\"Lease\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"" + NAMESPACE + "\",\"labels\":{\"app\":\"bench\"}},\"spec\":{\"holderIdentity\":"
                + "\"bench-client-" + client + "\",\"leaseDurationSeconds\":10}}").getBytes(StandardCharsets.UTF_8);
    }

    static HttpRequest bossCreateRequest(URI replica, String name, int client) {
        return HttpRequest.newBuilder(replica.resolve("/api/v1/namespaces/" + NAMESPACE + "/leases"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(leaseJson(name, client)))
                .build();
    }

    /** Client {@code c} creates {@code <prefix>-c-<sequence>} through replica {@code c mod n}. */
    private static HttpLoad.RequestFactory bossCreate(List<URI> replicas, String prefix) {
        return (client, sequence) -> bossCreateRequest(replicas.get(client % replicas.size()),
                name(prefix, client, sequence), client);
    }

    /**
     * Writes the {@value #READ_KEYS} objects {@code r-0} to {@code r-N} that the read phases read,
     * with {@value #SEED_CLIENTS} clients so that a slow commit does not stretch the run.
     */
    private void seed(HttpLoad.RequestFactory create, int expectedStatus) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SEED_CLIENTS);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < SEED_CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    for (int sequence = client; sequence < READ_KEYS; sequence += SEED_CLIENTS) {
                        String failure = load.send(create.request(client, sequence), expectedStatus);
                        if (failure != null) {
                            throw new IllegalStateException("failed to write object r-" + sequence
                                    + " for the read phases: " + failure);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Client {@code c} reads random seeded Leases through replica {@code c mod n}. */
    private static HttpLoad.RequestFactory bossRead(List<URI> replicas) {
        return (client, sequence) -> {
            String name = "r-" + ThreadLocalRandom.current().nextInt(READ_KEYS);
            return HttpRequest.newBuilder(replicas.get(client % replicas.size())
                            .resolve("/api/v1/namespaces/" + NAMESPACE + "/leases/" + name))
                    .timeout(Duration.ofSeconds(10))
                    .header("Accept", "application/json")
                    .GET()
                    .build();
        };
    }

    /** Puts the same Lease JSON as the boss create under key {@code /bench/<name>}. */
    private static HttpLoad.RequestFactory etcdPut(List<URI> members, String prefix) {
        return (client, sequence) -> etcdPutRequest(members.get(client % members.size()), name(prefix, client, sequence),
                client);
    }

    private static HttpRequest etcdPutRequest(URI member, String name, int client) {
        String body = "{\"key\":\"" + base64("/bench/" + name) + "\",\"value\":\""
                + base64(new String(leaseJson(name, client), StandardCharsets.UTF_8)) + "\"}";
        return etcdRequest(member, "/v3/kv/put", body);
    }

    /** Reads one seeded key with etcd's default, linearizable range. */
    private static HttpLoad.RequestFactory etcdRange(List<URI> members) {
        return (client, sequence) -> {
            String name = "r-" + ThreadLocalRandom.current().nextInt(READ_KEYS);
            return etcdRequest(members.get(client % members.size()), "/v3/kv/range",
                    "{\"key\":\"" + base64("/bench/" + name) + "\"}");
        };
    }

    private static HttpRequest etcdRequest(URI member, String path, String body) {
        return HttpRequest.newBuilder(member.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String name(String prefix, int client, long sequence) {
        return prefix + "-" + client + "-" + sequence;
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses {@code --name value} pairs and bare {@code --flag}s. */
    public static Map<String, String> parseOptions(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("invalid argument " + args[i] + ": options look like --seconds 10");
            }
            String name = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(name, args[++i]);
            } else {
                options.put(name, "");
            }
        }
        return options;
    }
}
