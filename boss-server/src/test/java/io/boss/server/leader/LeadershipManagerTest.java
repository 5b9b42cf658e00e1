package io.boss.server.leader;

import io.boss.store.KeyValue;
import io.boss.store.LeadershipListener;
import io.boss.store.ListResult;
import io.boss.store.Operation;
import io.boss.store.ReadConsistency;
import io.boss.store.Registry;
import io.boss.store.ReplicaInfo;
import io.boss.store.Watch;
import io.boss.store.WatchListener;
import io.boss.store.WriteResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LeadershipManagerTest {

    private final List<RecordingService.Transition> transitions = Collections.synchronizedList(new ArrayList<>());

    @Test
    void quickFlapStopsBeforeStartingAgain() throws Exception {
        LeadershipManager manager = new LeadershipManager(new FollowerRegistry(), "r1", Duration.ofSeconds(5));
        manager.register(new RecordingService("r1", transitions));
        manager.start();

        manager.onLeaderElected(1);
        manager.onLeaderLost(1);
        manager.onLeaderElected(2);

        List<RecordingService.Transition> expected = List.of(
                new RecordingService.Transition("r1", 1, true),
                new RecordingService.Transition("r1", 1, false),
                new RecordingService.Transition("r1", 2, true));
        await("start, stop, start in the order of the leadership changes").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(expected, List.copyOf(transitions)));
        assertEquals(2, manager.activeTerm());

        manager.stop();
        assertEquals(new RecordingService.Transition("r1", 2, false), transitions.get(transitions.size() - 1));
        assertEquals(-1, manager.activeTerm());
    }

    @Test
    void failingServiceDoesNotKeepOthersFromStarting() throws Exception {
        LeadershipManager manager = new LeadershipManager(new FollowerRegistry(), "r1", Duration.ofSeconds(5));
        manager.register(new LeaderElectedService() {
            @Override
            public void start(long term) {
                throw new IllegalStateException("refuses to start in this test");
            }

            @Override
            public void stop() {
            }

            @Override
            public String name() {
                return "failing";
            }
        });
        manager.register(new RecordingService("r1", transitions));
        manager.start();

        manager.onLeaderElected(7);

        await("the healthy service to start despite the failing one").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(List.of(new RecordingService.Transition("r1", 7, true)), List.copyOf(transitions)));
        manager.stop();
    }

    @Test
    void olderTermLossKeepsCurrentTerm() throws Exception {
        LeadershipManager manager = new LeadershipManager(new FollowerRegistry(), "r1", Duration.ofSeconds(5));
        manager.register(new RecordingService("r1", transitions));
        manager.start();

        manager.onLeaderElected(4);
        manager.onLeaderLost(3);
        manager.onLeaderElected(4);

        await("term 4 started once").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(4, manager.activeTerm()));
        manager.stop();
        assertEquals(List.of(new RecordingService.Transition("r1", 4, true), new RecordingService.Transition("r1", 4, false)),
                List.copyOf(transitions));
    }

    /** A registry that is never leader; only the leadership methods are used by the manager. */
    private static final class FollowerRegistry implements Registry {

        @Override
        public CompletableFuture<WriteResult> commit(List<Operation> operations) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<KeyValue> get(String key, ReadConsistency consistency) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<ListResult> list(String prefix, ReadConsistency consistency) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Long> awaitRevision(long revision, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Watch watch(String prefix, long fromRevision, WatchListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long currentRevision() {
            return 0;
        }

        @Override
        public long oldestWatchableRevision() {
            return 0;
        }

        @Override
        public String replicaId() {
            return "r1";
        }

        @Override
        public boolean isLeader() {
            return false;
        }

        @Override
        public long currentTerm() {
            return 0;
        }

        @Override
        public String leaderId() {
            return null;
        }

        @Override
        public List<ReplicaInfo> replicas() {
            return List.of();
        }

        @Override
        public void addLeadershipListener(LeadershipListener listener) {
        }

        @Override
        public void removeLeadershipListener(LeadershipListener listener) {
        }

        @Override
        public void close() {
        }
    }
}
