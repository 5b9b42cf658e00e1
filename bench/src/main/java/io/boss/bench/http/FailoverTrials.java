package io.boss.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures leader failover over HTTP. Each trial kills the leader's JVM with SIGKILL, then one
 * client per surviving replica creates Leases in a tight loop; the failover time runs from the
 * kill to the first create that any of them gets a 201 for. A third thread polls the survivors'
 * cluster views to time the election on its own. The killed replica is then restarted on its data
 * directory, and the next trial starts once it has applied everything the leader had committed.
 */
final class FailoverTrials {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration REJOIN_TIMEOUT = Duration.ofSeconds(90);

    private final ClusterProcesses cluster;
    private final HttpLoad load;
    private final AtomicLong sequence = new AtomicLong();

    FailoverTrials(ClusterProcesses cluster, HttpLoad load) {
        this.cluster = cluster;
        this.load = load;
    }

    void run(int trials) throws Exception {
        long[] failovers = new long[trials];
        long[] elections = new long[trials];
        for (int trial = 0; trial < trials; trial++) {
            ClusterProcesses.Replica leader = cluster.awaitLeader(Duration.ofSeconds(30));
            List<ClusterProcesses.Replica> survivors = cluster.replicas().stream()
                    .filter(replica -> replica != leader).toList();

            long killed = System.nanoTime();
            cluster.kill(leader);
            long[] times = awaitFirstWrite(survivors, leader.id(), killed);
            failovers[trial] = times[0];
            elections[trial] = times[1];

            long restarted = System.nanoTime();
            cluster.restart(leader);
            awaitCaughtUp(leader);
            System.out.printf("failover trial %2d: killed leader %s; new leader seen after %4d ms, first create after "
                            + "%4d ms; %s rejoined in %.1f s (%s)%n", trial + 1, leader.id(), elections[trial] / 1_000_000,
                    failovers[trial] / 1_000_000, leader.id(), (System.nanoTime() - restarted) / 1e9, Latencies.hostLoad());
        }

        Latencies failover = new Latencies(failovers);
        Latencies election = new Latencies(elections);
        System.out.printf("failover over %d trials: first create after kill median %.0f ms, worst %.0f ms; "
                        + "new leader seen median %.0f ms, worst %.0f ms (%s)%n", trials, failover.millis(0.5),
                failover.maxMillis(), election.millis(0.5), election.maxMillis(), Latencies.hostLoad());
    }

    /**
     * Returns the nanoseconds from {@code killed} to the first successful create through a
     * survivor, and to the first cluster view naming a leader other than {@code oldLeader}.
     */
    private long[] awaitFirstWrite(List<ClusterProcesses.Replica> survivors, String oldLeader, long killed)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(survivors.size() + 1);
        AtomicLong firstWrite = new AtomicLong();
        AtomicLong newLeaderSeen = new AtomicLong();
        long deadline = killed + PROBE_TIMEOUT.toNanos();
        try {
            List<Future<?>> probes = new ArrayList<>();
            for (int i = 0; i < survivors.size(); i++) {
                ClusterProcesses.Replica survivor = survivors.get(i);
                int client = i;
                probes.add(pool.submit(() -> {
                    while (firstWrite.get() == 0 && System.nanoTime() < deadline) {
                        HttpRequest create = HttpBenchmark.bossCreateRequest(survivor.httpAddress(),
                                "failover-" + sequence.incrementAndGet(), client);
                        if (load.send(create, 201) == null) {
                            firstWrite.compareAndSet(0, System.nanoTime());
                        }
                    }
                    return null;
                }));
            }
            pool.submit(() -> {
                while (newLeaderSeen.get() == 0 && System.nanoTime() < deadline) {
                    Optional<String> leader = cluster.clusterView(survivors).map(view -> view.path("leaderId").asText(""));
                    if (leader.isPresent() && !leader.get().isEmpty() && !leader.get().equals(oldLeader)) {
                        newLeaderSeen.compareAndSet(0, System.nanoTime());
                    }
                    Thread.sleep(5);
                }
                return null;
            });
            for (Future<?> probe : probes) {
                probe.get(PROBE_TIMEOUT.toSeconds() + 15, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        if (firstWrite.get() == 0) {
            throw new IllegalStateException("no create succeeded through " + survivors.stream()
                    .map(ClusterProcesses.Replica::id).toList() + " within " + PROBE_TIMEOUT.toSeconds()
                    + " s of killing leader " + oldLeader + "; see the logs under " + cluster.directory());
        }
        long election = newLeaderSeen.get() == 0 ? firstWrite.get() - killed : newLeaderSeen.get() - killed;
        return new long[] {firstWrite.get() - killed, election};
    }

    /** Waits until the restarted replica has applied at least the leader's commit index. */
    private void awaitCaughtUp(ClusterProcesses.Replica restarted) throws InterruptedException {
        long deadline = System.nanoTime() + REJOIN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> own = cluster.clusterView(restarted);
            ClusterProcesses.Replica leader = cluster.awaitLeader(REJOIN_TIMEOUT);
            Optional<JsonNode> leaderView = cluster.clusterView(leader);
            if (own.isPresent() && leaderView.isPresent()) {
                long leaderCommit = indexOf(leaderView.get(), leader.id(), "commitIndex");
                long applied = indexOf(own.get(), restarted.id(), "appliedIndex");
                if (leaderCommit > 0 && applied >= leaderCommit) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("replica " + restarted.id() + " did not catch up within "
                + REJOIN_TIMEOUT.toSeconds() + " s of its restart; see " + cluster.directory());
    }

    /** Returns the index {@code field} of replica {@code id} in a cluster view, or -1 when it is unknown. */
    private static long indexOf(JsonNode view, String id, String field) {
        for (JsonNode replica : view.path("replicas")) {
            if (replica.path("id").asText().equals(id)) {
                return replica.path(field).asLong(-1);
            }
        }
        return -1;
    }
}
