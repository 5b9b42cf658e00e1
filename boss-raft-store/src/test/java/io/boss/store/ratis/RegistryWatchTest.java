package io.boss.store.ratis;

import static io.boss.store.ratis.TestCluster.bytes;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.store.ListResult;
import io.boss.store.Operation;
import io.boss.store.ReadConsistency;
import io.boss.store.StoreException;
import io.boss.store.Watch;
import io.boss.store.WatchEvent;
import io.boss.store.WatchListener;
import io.boss.store.WriteResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RegistryWatchTest {

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
    void listThenWatchFromListRevisionMissesNothing() throws Exception {
        cluster = TestCluster.startWithDefaults(dataRoot);
        RatisRegistry leader = cluster.awaitLeader();
        RatisRegistry follower = cluster.followers(leader).get(0);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeKeys(leader, "/w/", 0, 300));

        await("some keys are written before the list").atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertTrue(follower.currentRevision() > 50));
        ListResult list = follower.list("/w/", ReadConsistency.LINEARIZABLE).get(10, TimeUnit.SECONDS);
        RecordingListener listener = new RecordingListener();
        Watch watch = follower.watch("/w/", list.revision() + 1, listener);
        writer.get(60, TimeUnit.SECONDS);

        Set<String> seen = new HashSet<>();
        list.entries().forEach(entry -> seen.add(entry.key()));
        await("the watch delivers every write after the list").atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertEquals(300, seen.size() + listener.events.size()));
        for (WatchEvent event : listener.events) {
            assertTrue(event.revision() > list.revision(), "event revision " + event.revision() + " is after the list");
            assertTrue(seen.add(event.entry().key()), "key " + event.entry().key() + " seen twice");
        }
        assertEquals(300, seen.size());
        watch.close();
    }

    @Test
    void watchReplaysThenFollowsInOrder() throws Exception {
        cluster = TestCluster.startWithDefaults(dataRoot);
        RatisRegistry leader = cluster.awaitLeader();
        RatisRegistry follower = cluster.followers(leader).get(0);
        long start = leader.currentRevision() + 1;
        writeKeys(leader, "/h/", 0, 1000);

        RecordingListener listener = new RecordingListener();
        Watch watch = follower.watch("/h/", start, listener);
        writeKeys(follower, "/h/", 1000, 2000);

        await("the watch delivers 2000 revisions").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertEquals(2000, listener.events.size()));
        List<WatchEvent> events = new ArrayList<>(listener.events);
        for (int i = 0; i < events.size(); i++) {
            assertEquals(start + i, events.get(i).revision(), "revision of event " + i);
            assertTrue(events.get(i).isCreate());
        }
        assertEquals(start + 1999, watch.lastDeliveredRevision());
        assertEquals(1, follower.activeWatchCount());
        watch.close();
        await("the closed watch is removed").atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertEquals(0, follower.activeWatchCount()));
        assertEquals(null, listener.closedWith.get(), "a close requested by the caller has no cause");
    }

    @Test
    void deleteEventCarriesRemovedEntry() throws Exception {
        cluster = TestCluster.startWithDefaults(dataRoot);
        RatisRegistry leader = cluster.awaitLeader();
        RecordingListener listener = new RecordingListener();
        leader.watch("/d/", 0, listener);

        WriteResult created = leader.commit(List.of(new Operation.Create("/d/x", bytes("gone")))).get(10, TimeUnit.SECONDS);
        WriteResult deleted = leader.commit(List.of(new Operation.Delete("/d/x", created.revision()))).get(10, TimeUnit.SECONDS);

        await("create and delete are delivered").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(2, listener.events.size()));
        WatchEvent delete = listener.events.get(1);
        assertEquals(WatchEvent.Type.DELETE, delete.type());
        assertEquals(deleted.revision(), delete.revision());
        assertEquals(deleted.revision(), delete.entry().modRevision());
        assertEquals("gone", TestCluster.text(delete.entry().value()));
        assertEquals(created.revision(), delete.previous().modRevision());
    }

    @Test
    void watchFromRevisionOlderThanHistoryExpires() throws Exception {
        cluster = TestCluster.start(dataRoot, config -> config.withWatchHistorySize(50));
        RatisRegistry leader = cluster.awaitLeader();
        writeKeys(leader, "/e/", 0, 120);

        RecordingListener expired = new RecordingListener();
        leader.watch("/e/", 1, expired);
        long oldest = leader.oldestWatchableRevision();
        RecordingListener fromOldest = new RecordingListener();
        leader.watch("/e/", oldest, fromOldest);

        await("the old watch ends with EXPIRED").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertNotNull(expired.closedWith.get()));
        assertEquals(StoreException.Reason.EXPIRED, expired.closedWith.get().reason());
        assertTrue(expired.events.isEmpty());
        assertTrue(oldest > 1, "history of 50 events no longer reaches revision 1");
        await("a watch from the oldest revision replays the window").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(leader.currentRevision() - oldest + 1, fromOldest.events.size()));
    }

    @Test
    void slowWatcherIsDroppedAsExpired() throws Exception {
        cluster = TestCluster.start(dataRoot, config -> config.withWatchBufferSize(20));
        RatisRegistry leader = cluster.awaitLeader();
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener slow = new RecordingListener() {
            @Override
            public void onEvent(WatchEvent event) {
                awaitRelease(release);
                super.onEvent(event);
            }
        };
        RecordingListener fast = new RecordingListener();
        leader.watch("/s/", 0, slow);
        leader.watch("/s/", 0, fast);

        try {
            writeOneAtATime(leader, "/s/", 0, 100);

            await("the slow watcher is removed from the hub").atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertEquals(1, leader.activeWatchCount()));
            await("the fast watcher gets every event").atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertEquals(100, fast.events.size()));
            assertEquals(100, leader.list("/s/", ReadConsistency.LOCAL).get().entries().size());
        } finally {
            release.countDown();
        }

        await("the slow watcher is told it expired once its listener returns").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertNotNull(slow.closedWith.get()));
        assertEquals(StoreException.Reason.EXPIRED, slow.closedWith.get().reason());
        assertEquals(1, slow.events.size(), "only the event blocked in onEvent is delivered before the drop");
    }

    static void writeKeys(RatisRegistry registry, String prefix, int from, int to) {
        List<CompletableFuture<WriteResult>> window = new ArrayList<>();
        for (int i = from; i < to; i++) {
            window.add(registry.commit(List.of(new Operation.Create(prefix + i, bytes("value-" + i)))));
            if (window.size() == 32 || i == to - 1) {
                CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).join();
                window.clear();
            }
        }
    }

    /**
     * Writes keys one by one, so each write is its own log entry: snapshots come often and a
     * watcher sees one event per apply.
     */
    static void writeOneAtATime(RatisRegistry registry, String prefix, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            registry.commit(List.of(new Operation.Create(prefix + i, bytes("value-" + i)))).get(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitRelease(CountDownLatch release) {
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Records delivered events and the close cause. */
    static class RecordingListener implements WatchListener {

        final List<WatchEvent> events = new CopyOnWriteArrayList<>();
        final AtomicReference<StoreException> closedWith = new AtomicReference<>();

        @Override
        public void onEvent(WatchEvent event) {
            events.add(event);
        }

        @Override
        public void onClosed(StoreException cause) {
            closedWith.set(cause);
        }
    }
}
