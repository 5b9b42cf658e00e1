package io.boss.chaos.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.chaos.history.History;
import io.boss.chaos.history.Op;
import io.boss.chaos.history.Outcome;
import io.boss.chaos.workload.RegisterClient;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Shows that the harness's faults do what they claim on real replica processes. */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ChaosClusterTest {

    private static ChaosCluster cluster;
    private static RegisterClient client;

    @BeforeAll
    static void startCluster() throws Exception {
        Path workDir = Path.of(System.getProperty("chaos.workDir", "target/chaos"), "cluster-test-" + System.currentTimeMillis());
        cluster = ChaosCluster.start(ClusterSettings.fromSystemProperties().withAgents(0), workDir);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        client = new RegisterClient(http, new History(), "cluster-test", 0, Duration.ofSeconds(8));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Outcome create(String replica, String key) {
        Op op = client.create(replica, cluster.endpoint(replica), key, key);
        return op.outcome();
    }

    @Test
    void isolatedReplicasCannotCommitAndTheMajorityCan() throws Exception {
        String leader = cluster.awaitLeader(Duration.ofSeconds(60));

        cluster.isolate(leader);
        try {
            String others = cluster.replicaIds().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
            await("a new leader among the connected replicas").atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> {
                        Optional<String> newLeader = cluster.reportedLeader(others);
                        assertTrue(newLeader.isPresent(), "no leader reported by " + others);
                        assertNotEquals(leader, newLeader.get());
                    });
            assertEquals(Outcome.UNKNOWN, create(leader, "through-isolated-leader"));
            await("a write through the majority").atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertEquals(Outcome.OK, create(others, "through-majority-" + System.nanoTime())));
        } finally {
            cluster.heal();
        }

        // A replica restarted from its data directory dials the addresses in the Raft configuration
        // stored in its log; isolating it must still cut it off.
        String follower = cluster.replicaIds().stream()
                .filter(id -> !id.equals(cluster.awaitLeader(Duration.ofSeconds(60)))).findFirst().orElseThrow();
        cluster.replica(follower).kill();
        cluster.restartReplica(follower);
        await("the restarted follower serves a write").atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertEquals(Outcome.OK, create(follower, "after-restart-" + System.nanoTime())));

        cluster.isolate(follower);
        try {
            await("the isolated follower stops committing").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertEquals(Outcome.UNKNOWN, create(follower, "isolated-" + System.nanoTime())));
            assertEquals(Outcome.UNKNOWN, create(follower, "still-isolated"));
        } finally {
            cluster.heal();
        }
        await("the healed follower commits again").atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertEquals(Outcome.OK, create(follower, "healed-" + System.nanoTime())));
    }

    /**
     * Regression case for a Ratis 3.2.0 deadlock: a leader resumed after SIGSTOP stepped down
     * while holding its server lock and waited for a log appender that needed the lock, so the
     * replica never served again. Ratis 3.2.1 and later bound that wait.
     */
    @Test
    void resumedLeaderServesAgain() throws Exception {
        for (int round = 0; round < 3; round++) {
            String leader = cluster.awaitLeader(Duration.ofSeconds(60));

            cluster.replica(leader).pause();
            try {
                String other = cluster.replicaIds().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
                await("a write through the majority while " + leader + " is paused").atMost(Duration.ofSeconds(60))
                        .untilAsserted(() -> assertEquals(Outcome.OK, create(other, "paused-" + System.nanoTime())));
            } finally {
                cluster.replica(leader).resume();
            }

            await("the resumed replica " + leader + " commits a write").atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertEquals(Outcome.OK, create(leader, "resumed-" + System.nanoTime())));
        }
    }

    @Test
    void pausedProcessResumesAndKilledProcessRestarts() throws Exception {
        String id = cluster.replicaIds().get(2);
        ManagedProcess replica = cluster.replica(id);

        replica.pause();
        assertTrue(replica.isPaused());
        replica.resume();
        replica.kill();
        assertTrue(!replica.isAlive());
        cluster.restartReplica(id);

        await("the restarted replica reports a leader").atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertTrue(cluster.reportedLeader(id).isPresent()));
        assertEquals(List.of(), HostProcesses.sandboxes(cluster.agentsDir()));
    }
}
