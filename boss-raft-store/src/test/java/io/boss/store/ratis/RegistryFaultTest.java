package io.boss.store.ratis;

import static io.boss.store.ratis.RegistryWatchTest.writeKeys;
import static io.boss.store.ratis.RegistryWatchTest.writeOneAtATime;
import static io.boss.store.ratis.TestCluster.bytes;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.store.KeyValue;
import io.boss.store.LeadershipListener;
import io.boss.store.ListResult;
import io.boss.store.Operation;
import io.boss.store.ReadConsistency;
import io.boss.store.ReplicaInfo;
import io.boss.store.ReplicaRole;
import io.boss.store.StoreException;
import io.boss.store.WriteResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 150, unit = TimeUnit.SECONDS)
class RegistryFaultTest {

    @TempDir
    Path dataRoot;

    private TestCluster cluster;

    @AfterEach
    void stopGroup() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void stoppedLeaderLosesNoAcknowledgedWrite() throws Exception {
        cluster = TestCluster.startWithDefaults(dataRoot);
        RatisRegistry oldLeader = cluster.awaitLeader();
        writeKeys(oldLeader, "/f/", 0, 50);
        long oldTerm = oldLeader.currentTerm();

        cluster.stop(oldLeader.replicaId());
        RatisRegistry newLeader = cluster.awaitLeader();
        RatisRegistry survivor = cluster.followers(newLeader).get(0);
        writeKeys(survivor, "/f/", 50, 100);

        assertNotEquals(oldLeader.replicaId(), newLeader.replicaId());
        assertTrue(newLeader.currentTerm() > oldTerm);
        for (RatisRegistry replica : cluster.running()) {
            ListResult list = replica.list("/f/", ReadConsistency.LINEARIZABLE).get(10, TimeUnit.SECONDS);
            assertEquals(100, list.entries().size(), "keys on " + replica.replicaId());
        }
        List<ReplicaInfo> view = newLeader.replicas();
        Map<String, ReplicaRole> roles = view.stream().collect(Collectors.toMap(ReplicaInfo::id, ReplicaInfo::role));
        assertEquals(ReplicaRole.LEADER, roles.get(newLeader.replicaId()));
        assertEquals(ReplicaRole.FOLLOWER, roles.get(survivor.replicaId()));
        await("the leader reports the stopped replica as unreachable").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(ReplicaRole.UNREACHABLE, newLeader.replicas().stream()
                        .filter(r -> r.id().equals(oldLeader.replicaId())).findFirst().orElseThrow().role()));
    }

    @Test
    void laggingFollowerCatchesUpBySnapshotInstall() throws Exception {
        cluster = TestCluster.start(dataRoot, config -> config.withSnapshotThreshold(40).withLogSegmentBytes(2048));
        RatisRegistry leader = cluster.awaitLeader();
        RatisRegistry lagging = cluster.followers(leader).get(0);
        String laggingId = lagging.replicaId();
        writeKeys(leader, "/s/", 0, 10);
        await("the follower applied the first writes").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(leader.currentRevision(), lagging.currentRevision()));
        long laggingIndex = lagging.division().getInfo().getLastAppliedIndex();

        cluster.stop(laggingId);
        writeOneAtATime(leader, "/s/", 10, 300);
        await("the leader purged the log the follower still needs").atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertTrue(leader.division().getRaftLog().getStartIndex() > laggingIndex + 1,
                        "log starts at " + leader.division().getRaftLog().getStartIndex()));
        RatisRegistry restarted = cluster.start(laggingId);

        await("the restarted follower holds every key").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertEquals(300, restarted.keyCount()));
        assertEquals(1, restarted.installedSnapshotCount(), "the follower caught up through a snapshot from the leader");
        await("the restarted follower reaches the leader's revision").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(leader.currentRevision(), restarted.currentRevision()));
        assertTrue(restarted.oldestWatchableRevision() > 10, "history starts after the installed snapshot");
    }

    @Test
    void fullGroupRestartRecoversEveryAcknowledgedWrite() throws Exception {
        cluster = TestCluster.start(dataRoot, config -> config.withSnapshotThreshold(30));
        RatisRegistry leader = cluster.awaitLeader();
        writeOneAtATime(leader, "/r/", 0, 100);
        WriteResult last = leader.commit(List.of(new Operation.Update("/r/7", bytes("changed"), 0))).get(10, TimeUnit.SECONDS);
        List<KeyValue> before = leader.list("/r/", ReadConsistency.LINEARIZABLE).get(10, TimeUnit.SECONDS).entries();

        cluster.close();
        TestCluster.IDS.forEach(cluster::start);
        RatisRegistry newLeader = cluster.awaitLeader();

        for (RatisRegistry replica : cluster.running()) {
            ListResult after = replica.list("/r/", ReadConsistency.LINEARIZABLE).get(10, TimeUnit.SECONDS);
            assertEquals(before, after.entries(), "entries on " + replica.replicaId());
            assertEquals(last.revision(), after.revision());
            assertTrue(replica.oldestWatchableRevision() > 1, "history starts after the snapshot loaded at restart");
            assertTrue(replica.oldestWatchableRevision() <= last.revision() + 1);
        }
        WriteResult next = newLeader.commit(List.of(new Operation.Create("/r/after", bytes("x")))).get(10, TimeUnit.SECONDS);
        assertEquals(last.revision() + 1, next.revision());
    }

    @Test
    void writeWithoutQuorumFailsFast() throws Exception {
        cluster = TestCluster.start(dataRoot, config -> config.withRequestTimeout(Duration.ofSeconds(2)));
        RatisRegistry leader = cluster.awaitLeader();
        leader.commit(List.of(new Operation.Create("/q/before", bytes("x")))).get(10, TimeUnit.SECONDS);
        for (RatisRegistry follower : cluster.followers(leader)) {
            cluster.stop(follower.replicaId());
        }

        long started = System.nanoTime();
        StoreException write = RegistryWriteTest.failure(leader.commit(List.of(new Operation.Create("/q/after", bytes("x")))));
        long writeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        started = System.nanoTime();
        StoreException read = RegistryWriteTest.failure(leader.get("/q/before", ReadConsistency.LINEARIZABLE));
        long readMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertEquals(StoreException.Reason.NO_QUORUM, write.reason());
        assertTrue(writeMillis < 4000, "write failed after " + writeMillis + " ms");
        assertEquals(StoreException.Reason.NO_QUORUM, read.reason());
        assertTrue(readMillis < 4000, "read failed after " + readMillis + " ms");
        KeyValue local = leader.get("/q/before", ReadConsistency.LOCAL).get(1, TimeUnit.SECONDS);
        assertEquals("/q/before", local.key());
    }

    /**
     * Ratis completes a read-index request at an unchanged commit index without a new heartbeat
     * round. The read after the followers stop must still fail rather than serve state that a new
     * leader may already have overwritten.
     */
    @Test
    void cutOffLeaderRejectsRepeatedRead() throws Exception {
        cluster = TestCluster.start(dataRoot, config -> config.withRequestTimeout(Duration.ofSeconds(2)));
        RatisRegistry leader = cluster.awaitLeader();
        leader.commit(List.of(new Operation.Create("/cut/before", bytes("x")))).get(10, TimeUnit.SECONDS);
        leader.get("/cut/before", ReadConsistency.LINEARIZABLE).get(10, TimeUnit.SECONDS);
        for (RatisRegistry follower : cluster.followers(leader)) {
            cluster.stop(follower.replicaId());
        }

        StoreException read = RegistryWriteTest.failure(leader.get("/cut/before", ReadConsistency.LINEARIZABLE));

        assertEquals(StoreException.Reason.NO_QUORUM, read.reason());
    }

    @Test
    void replicaWritesAgainAfterQuorumReturns() throws Exception {
        cluster = TestCluster.start(dataRoot, config -> config.withRequestTimeout(Duration.ofSeconds(2)));
        RatisRegistry leader = cluster.awaitLeader();
        String replicaId = leader.replicaId();
        leader.commit(List.of(new Operation.Create("/back/before", bytes("x")))).get(10, TimeUnit.SECONDS);
        List<String> followerIds = cluster.followers(leader).stream().map(RatisRegistry::replicaId).toList();
        followerIds.forEach(cluster::stop);

        // Enough failed requests to run every write client and the read client out of retries.
        for (int i = 0; i < 4; i++) {
            RegistryWriteTest.failure(leader.commit(List.of(new Operation.Create("/back/lost-" + i, bytes("x")))));
            RegistryWriteTest.failure(leader.get("/back/before", ReadConsistency.LINEARIZABLE));
        }
        followerIds.forEach(cluster::start);

        RatisRegistry replica = cluster.replica(replicaId);
        await("a write through " + replicaId + " commits once a majority is back").atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .untilAsserted(() -> assertTrue(replica.commit(List.of(new Operation.Create("/back/after-" + System.nanoTime(),
                        bytes("x")))).get(5, TimeUnit.SECONDS).revision() > 0));
        await("a linearizable read through " + replicaId).atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .untilAsserted(() -> assertEquals("/back/before",
                        replica.get("/back/before", ReadConsistency.LINEARIZABLE).get(5, TimeUnit.SECONDS).key()));
    }

    /**
     * A leader cut off from the others appends writes it can never commit. After a new leader took
     * over with a shorter log, the old leader rejoins holding those entries of an older term. The
     * new leader must replace them and then replicate new writes to it, while reads and writes keep
     * the new leader sending heartbeats.
     */
    @Test
    void oldLeaderWithLongerLogCatchesUp() throws Exception {
        cluster = TestCluster.start(dataRoot, config -> config.withRequestTimeout(Duration.ofSeconds(1)));
        RatisRegistry oldLeader = cluster.awaitLeader();
        String oldLeaderId = oldLeader.replicaId();
        oldLeader.commit(List.of(new Operation.Create("/tail/before", bytes("x")))).get(10, TimeUnit.SECONDS);
        List<String> followerIds = cluster.followers(oldLeader).stream().map(RatisRegistry::replicaId).toList();
        followerIds.forEach(cluster::stop);
        for (int i = 0; i < 4; i++) {
            RegistryWriteTest.failure(oldLeader.commit(List.of(new Operation.Create("/tail/uncommitted-" + i, bytes("x")))));
        }
        cluster.stop(oldLeaderId);
        followerIds.forEach(cluster::start);
        RatisRegistry newLeader = cluster.awaitLeader();

        TrafficLoop traffic = new TrafficLoop(newLeader);
        traffic.start();
        RatisRegistry rejoined = cluster.start(oldLeaderId);
        try {
            await("the old leader catches up with writes made after it rejoined").atMost(Duration.ofSeconds(30))
                    .until(() -> traffic.written() > 0 && rejoined.get(traffic.lastKey(), ReadConsistency.LOCAL)
                            .get(5, TimeUnit.SECONDS) != null);
        } finally {
            traffic.stop();
        }

        ListResult uncommitted = rejoined.list("/tail/uncommitted-", ReadConsistency.LOCAL).get(5, TimeUnit.SECONDS);
        assertEquals(List.of(), uncommitted.entries());
    }

    /** Writes and linearizable reads through one replica in a loop, so its leader keeps starting heartbeat rounds. */
    private static final class TrafficLoop {
        private final RatisRegistry replica;
        private final Thread thread;
        private volatile boolean running = true;
        private volatile int written;
        private volatile String lastKey = "/tail/none";

        TrafficLoop(RatisRegistry replica) {
            this.replica = replica;
            this.thread = new Thread(this::run, "tail-traffic");
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        int written() {
            return written;
        }

        String lastKey() {
            return lastKey;
        }

        private void run() {
            while (running) {
                String key = "/tail/after-" + written;
                try {
                    replica.commit(List.of(new Operation.Create(key, bytes("x")))).get(5, TimeUnit.SECONDS);
                    replica.get(key, ReadConsistency.LINEARIZABLE).get(5, TimeUnit.SECONDS);
                    lastKey = key;
                    written++;
                } catch (Exception e) {
                    // A failed round only delays the next one; the test's wait reports a lasting failure.
                }
            }
        }
    }

    @Test
    void leadershipListenersFireOnNewAndOldLeader() throws Exception {
        cluster = new TestCluster(dataRoot, config -> config);
        Map<String, List<String>> calls = new ConcurrentHashMap<>();
        Map<String, List<Long>> revisionAtElection = new ConcurrentHashMap<>();
        for (String id : TestCluster.IDS) {
            RatisRegistry replica = cluster.start(id);
            calls.put(id, new CopyOnWriteArrayList<>());
            revisionAtElection.put(id, new CopyOnWriteArrayList<>());
            replica.addLeadershipListener(new LeadershipListener() {
                @Override
                public void onLeaderElected(long term) {
                    calls.get(id).add("elected " + term);
                    revisionAtElection.get(id).add(replica.currentRevision());
                }

                @Override
                public void onLeaderLost(long term) {
                    calls.get(id).add("lost " + term);
                }
            });
        }
        RatisRegistry first = cluster.awaitLeader();
        long firstTerm = first.currentTerm();
        await("the first leader is told it was elected").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(List.of("elected " + firstTerm), calls.get(first.replicaId())));
        writeKeys(first, "/l/", 0, 20);
        long acknowledged = first.currentRevision();

        cluster.stop(first.replicaId());
        RatisRegistry second = cluster.awaitLeader();
        long secondTerm = second.currentTerm();

        assertEquals(List.of("elected " + firstTerm, "lost " + firstTerm), calls.get(first.replicaId()));
        await("the new leader is told it was elected").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(List.of("elected " + secondTerm), calls.get(second.replicaId())));
        assertTrue(revisionAtElection.get(second.replicaId()).get(0) >= acknowledged,
                "the new leader applied every acknowledged write before it was told");
        List<String> third = new ArrayList<>(calls.get(cluster.followers(second).get(0).replicaId()));
        assertEquals(List.of(), third, "a replica that never led gets no calls");
    }
}
