package io.boss.store.ratis;

import static io.boss.store.ratis.TestCluster.bytes;
import static io.boss.store.ratis.TestCluster.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.store.KeyValue;
import io.boss.store.ListResult;
import io.boss.store.Operation;
import io.boss.store.ReadConsistency;
import io.boss.store.StoreException;
import io.boss.store.WriteResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RegistryWriteTest {

    @TempDir
    Path dataRoot;

    private TestCluster cluster;
    private RatisRegistry leader;

    @BeforeEach
    void startGroup() {
        cluster = TestCluster.startWithDefaults(dataRoot);
        leader = cluster.awaitLeader();
    }

    @AfterEach
    void stopGroup() {
        cluster.close();
    }

    @Test
    void writesThroughEveryReplicaAreVisible() throws Exception {
        long before = leader.currentRevision();
        for (RatisRegistry replica : cluster.running()) {
            WriteResult result = replica.commit(List.of(new Operation.Create("/registry/pods/default/" + replica.replicaId(),
                    bytes("from " + replica.replicaId())))).get(10, TimeUnit.SECONDS);
            assertEquals(1, result.entries().size());
            assertEquals(result.revision(), replica.currentRevision(), "the write is applied locally when its future completes");
        }

        for (RatisRegistry replica : cluster.running()) {
            ListResult list = replica.list("/registry/pods/default/", ReadConsistency.LINEARIZABLE).get(10, TimeUnit.SECONDS);
            assertEquals(3, list.entries().size(), "keys seen on " + replica.replicaId());
            assertEquals(before + 3, list.revision());
            for (KeyValue entry : list.entries()) {
                String writer = entry.key().substring(entry.key().lastIndexOf('/') + 1);
                assertEquals("from " + writer, text(entry.value()));
                assertEquals(entry.createRevision(), entry.modRevision());
            }
        }
    }

    /**
     * A write through a follower completes once the follower has applied it, so it waits until
     * the follower learns that the entry committed. The leader sends that at once rather than
     * with its next heartbeat, which comes half the minimum election timeout after the append.
     */
    @Test
    void followerWritesDoNotWaitForHeartbeats() throws Exception {
        RatisRegistry follower = cluster.followers(leader).get(0);
        int writes = 20;
        long heartbeatMillis = RatisProperties.ELECTION_TIMEOUT_MIN.toLong(TimeUnit.MILLISECONDS) / 2;

        long started = System.nanoTime();
        for (int i = 0; i < writes; i++) {
            follower.commit(List.of(new Operation.Create("/via-follower/" + i, bytes("x")))).get(10, TimeUnit.SECONDS);
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        // Waiting a heartbeat each would take writes * heartbeatMillis. Half of that leaves room
        // for a slow host, and the check still fails when each write waits for a heartbeat.
        assertTrue(elapsedMillis < writes * heartbeatMillis / 2,
                writes + " writes through a follower took " + elapsedMillis + " ms");
    }

    /**
     * Each follower learns that a write committed right after the commit, not with the leader's
     * next heartbeat. Ratis commits on a thread of its own and wakes no log appender when it does.
     * Without a wake-up, a write on an idle group reached the followers' state half a second later.
     */
    @Test
    void followersApplyWritesBeforeNextHeartbeat() throws Exception {
        long heartbeatMillis = RatisProperties.ELECTION_TIMEOUT_MIN.toLong(TimeUnit.MILLISECONDS) / 2;
        Duration wellBeforeHeartbeat = Duration.ofMillis(heartbeatMillis / 2);

        for (int i = 0; i < 10; i++) {
            WriteResult written = leader.commit(List.of(new Operation.Create("/idle/" + i, bytes("x")))).get(10, TimeUnit.SECONDS);
            for (RatisRegistry follower : cluster.followers(leader)) {
                follower.awaitRevision(written.revision(), wellBeforeHeartbeat).get(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * A linearizable read on an idle group takes one heartbeat round that the read itself
     * triggers. When the appender sent that heartbeat before Ratis recorded which replies count,
     * or cleared the trigger after the fact, the read waited for the next regular heartbeat.
     */
    @Test
    void idleReadsDoNotWaitForHeartbeat() throws Exception {
        leader.commit(List.of(new Operation.Create("/read/k", bytes("v")))).get(10, TimeUnit.SECONDS);
        long heartbeatMillis = RatisProperties.ELECTION_TIMEOUT_MIN.toLong(TimeUnit.MILLISECONDS) / 2;

        for (RatisRegistry replica : cluster.running()) {
            for (int i = 0; i < 40; i++) {
                long started = System.nanoTime();
                KeyValue read = replica.get("/read/k", ReadConsistency.LINEARIZABLE).get(10, TimeUnit.SECONDS);
                long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

                assertEquals("v", text(read.value()));
                assertTrue(elapsedMillis < heartbeatMillis / 2,
                        "read " + i + " on " + replica.replicaId() + " took " + elapsedMillis + " ms");
            }
        }
    }

    @Test
    void staleExpectedRevisionIsRejectedAndChangesNothing() throws Exception {
        RatisRegistry follower = cluster.followers(leader).get(0);
        WriteResult created = follower.commit(List.of(new Operation.Create("/k", bytes("v1")))).get(10, TimeUnit.SECONDS);
        long createdAt = created.revision();
        WriteResult updated = follower.commit(List.of(new Operation.Update("/k", bytes("v2"), createdAt))).get(10, TimeUnit.SECONDS);
        assertEquals(createdAt + 1, updated.revision());
        assertEquals(createdAt, updated.entries().get(0).createRevision());

        StoreException staleUpdate = failure(follower.commit(List.of(new Operation.Update("/k", bytes("v3"), createdAt))));
        StoreException staleDelete = failure(follower.commit(List.of(new Operation.Delete("/k", createdAt))));

        assertEquals(StoreException.Reason.REVISION_MISMATCH, staleUpdate.reason());
        assertEquals("/k", staleUpdate.key());
        assertEquals(StoreException.Reason.REVISION_MISMATCH, staleDelete.reason());
        KeyValue current = leader.get("/k", ReadConsistency.LINEARIZABLE).get(10, TimeUnit.SECONDS);
        assertEquals("v2", text(current.value()));
        assertEquals(updated.revision(), current.modRevision());
        assertEquals(updated.revision(), leader.currentRevision(), "a rejected write does not bump the revision");
    }

    @Test
    void createOfExistingKeyFailsWithKeyExists() throws Exception {
        leader.commit(List.of(new Operation.Create("/k", bytes("first")))).get(10, TimeUnit.SECONDS);

        StoreException failure = failure(leader.commit(List.of(new Operation.Create("/k", bytes("second")))));

        assertEquals(StoreException.Reason.KEY_EXISTS, failure.reason());
        assertEquals("first", text(leader.get("/k", ReadConsistency.LINEARIZABLE).get(10, TimeUnit.SECONDS).value()));
    }

    @Test
    void batchWithOneFailingOperationAppliesNothing() throws Exception {
        WriteResult existing = leader.commit(List.of(new Operation.Create("/b/existing", bytes("x")))).get(10, TimeUnit.SECONDS);

        StoreException failure = failure(leader.commit(List.of(
                new Operation.Create("/b/new", bytes("n")),
                new Operation.Update("/b/existing", bytes("y"), existing.revision()),
                new Operation.Delete("/b/missing", Operation.ANY_REVISION))));

        assertEquals(StoreException.Reason.KEY_NOT_FOUND, failure.reason());
        assertEquals("/b/missing", failure.key());
        assertNull(leader.get("/b/new", ReadConsistency.LINEARIZABLE).get(10, TimeUnit.SECONDS));
        KeyValue unchanged = leader.get("/b/existing", ReadConsistency.LINEARIZABLE).get(10, TimeUnit.SECONDS);
        assertEquals("x", text(unchanged.value()));
        assertEquals(existing.revision(), leader.currentRevision());
    }

    @Test
    void batchAppliesAllOperationsAtOneRevision() throws Exception {
        WriteResult first = leader.commit(List.of(new Operation.Create("/b/a", bytes("a")))).get(10, TimeUnit.SECONDS);

        WriteResult batch = leader.commit(List.of(
                new Operation.Create("/b/c", bytes("c")),
                new Operation.Delete("/b/a", first.revision()))).get(10, TimeUnit.SECONDS);

        assertEquals(first.revision() + 1, batch.revision());
        assertEquals(batch.revision(), batch.entries().get(0).modRevision());
        assertEquals("a", text(batch.entries().get(1).value()), "a delete returns the entry as it was");
        ListResult list = leader.list("/b/", ReadConsistency.LINEARIZABLE).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("/b/c"), list.entries().stream().map(KeyValue::key).toList());
    }

    @Test
    void invalidBatchIsRejectedBeforeTheLog() throws Exception {
        long before = leader.currentRevision();

        StoreException empty = failure(leader.commit(List.of()));
        StoreException duplicate = failure(leader.commit(List.of(
                new Operation.Create("/d", bytes("1")), new Operation.Update("/d", bytes("2"), 0))));
        StoreException emptyKey = failure(leader.commit(List.of(new Operation.Create("", bytes("1")))));

        assertEquals(StoreException.Reason.INVALID, empty.reason());
        assertEquals(StoreException.Reason.INVALID, duplicate.reason());
        assertEquals("/d", duplicate.key());
        assertEquals(StoreException.Reason.INVALID, emptyKey.reason());
        assertEquals(before, leader.currentRevision());
    }

    @Test
    void localReadAfterAwaitRevisionSeesWrite() throws Exception {
        RatisRegistry follower = cluster.followers(leader).get(1);
        WriteResult result = leader.commit(List.of(new Operation.Create("/local", bytes("v")))).get(10, TimeUnit.SECONDS);

        long applied = follower.awaitRevision(result.revision(), java.time.Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS);
        KeyValue read = follower.get("/local", ReadConsistency.LOCAL).get(1, TimeUnit.SECONDS);

        assertEquals(true, applied >= result.revision());
        assertNotNull(read);
        assertEquals(result.revision(), read.modRevision());
    }

    static StoreException failure(CompletableFuture<?> future) {
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> future.get(20, TimeUnit.SECONDS));
        return assertInstanceOf(StoreException.class, thrown.getCause());
    }
}
