package io.boss.server.registry;

import com.codahale.metrics.Timer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boss.api.ResourceKind;
import io.boss.api.validation.ResourceValidator;
import io.boss.server.errors.ApiException;
import io.boss.store.KeyValue;
import io.boss.store.LeadershipListener;
import io.boss.store.ListResult;
import io.boss.store.Operation;
import io.boss.store.ReadConsistency;
import io.boss.store.ReplicaInfo;
import io.boss.store.Registry;
import io.boss.store.Watch;
import io.boss.store.WatchListener;
import io.boss.store.WriteResult;
import io.boss.store.ratis.RatisRegistry;
import io.boss.store.ratis.RegistryConfig;
import io.boss.store.testing.LoopbackPorts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Updates and deletes start from the serving replica's own copy of the object and let the
 * compare-and-set at commit prove it current. A replica's copy can lag the leader, so every
 * outcome other than a successful commit must come from a linearizable read. A lagging copy must
 * never turn a valid request into 404 or 409, nor let a stale one through.
 *
 * <p>The store is a real single-replica Ratis group. Only its local reads are held back, by
 * {@link LaggingReplica}, because the lag of a follower cannot be produced on demand.
 */
class LaggingReplicaUpdateTest {

    private static final String NAMESPACE = "default";

    @TempDir
    Path dataDirectory;

    private RatisRegistry store;
    private LaggingReplica replica;
    private ResourceRegistry registry;

    @BeforeEach
    void startStore() {
        Map<String, String> peers = Map.of("r1", "127.0.0.1:" + LoopbackPorts.next());
        store = RatisRegistry.start(RegistryConfig.withDefaults("r1", peers, dataDirectory.resolve("r1")));
        await("leader elected").atMost(Duration.ofSeconds(30)).until(store::isLeader);

        replica = new LaggingReplica(store);
        ObjectValidator validator = resource -> ResourceValidator.validate(resource).stream()
                .map(error -> error.path() + ": " + error.message())
                .toList();
        registry = new ResourceRegistry(replica, new ResourceCodec(), validator, Clock.systemUTC(),
                Duration.ofSeconds(5), 3, new Timer());
    }

    @AfterEach
    void stopStore() throws Exception {
        store.close();
    }

    @Test
    void updateWithCurrentVersionSucceeds() {
        ObjectNode created = registry.create(ResourceKind.LEASE, NAMESPACE, lease("a", "first"));
        replica.holdBack(leaseKey("a"));
        ObjectNode second = registry.update(ResourceKind.LEASE, NAMESPACE, "a",
                withHolder(created, "second"), UpdateMode.MAIN);

        ObjectNode third = registry.update(ResourceKind.LEASE, NAMESPACE, "a",
                withHolder(second, "third"), UpdateMode.MAIN);

        assertEquals("third", holder(registry.get(ResourceKind.LEASE, NAMESPACE, "a")));
        assertTrue(version(third) > version(second));
    }

    @Test
    void updateWithStaleVersionConflicts() {
        ObjectNode created = registry.create(ResourceKind.LEASE, NAMESPACE, lease("a", "first"));
        replica.holdBack(leaseKey("a"));
        ObjectNode second = registry.update(ResourceKind.LEASE, NAMESPACE, "a",
                withHolder(created, "second"), UpdateMode.MAIN);

        ApiException conflict = assertThrows(ApiException.class, () -> registry.update(ResourceKind.LEASE,
                NAMESPACE, "a", withHolder(created, "stale"), UpdateMode.MAIN));

        assertEquals(409, conflict.code());
        assertTrue(conflict.getMessage().contains(String.valueOf(version(second))), conflict.getMessage());
        assertEquals("second", holder(registry.get(ResourceKind.LEASE, NAMESPACE, "a")));
    }

    @Test
    void unversionedUpdateUsesCurrentObject() {
        registry.create(ResourceKind.LEASE, NAMESPACE, lease("a", "first"));
        replica.holdBack(leaseKey("a"));
        registry.update(ResourceKind.LEASE, NAMESPACE, "a", lease("a", "second"), UpdateMode.MAIN);

        ObjectNode patched = registry.update(ResourceKind.LEASE, NAMESPACE, "a", lease("a", "second"), UpdateMode.MAIN);

        assertEquals("second", holder(patched));
        assertEquals(version(registry.get(ResourceKind.LEASE, NAMESPACE, "a")), version(patched),
                "an update that changes nothing reports the current version, not the lagging copy's");
    }

    @Test
    void missingLocalCopyStillUpdates() {
        replica.holdBackAsMissing(leaseKey("a"));
        registry.create(ResourceKind.LEASE, NAMESPACE, lease("a", "first"));

        registry.update(ResourceKind.LEASE, NAMESPACE, "a", lease("a", "second"), UpdateMode.MAIN);
        ObjectNode deleted = registry.delete(ResourceKind.LEASE, NAMESPACE, "a", 0);

        assertEquals("second", holder(deleted));
        ApiException afterDelete = assertThrows(ApiException.class, () -> registry.get(ResourceKind.LEASE, NAMESPACE, "a"));
        assertEquals(404, afterDelete.code());
    }

    @Test
    void deleteOfGoneObjectIsNotFound() {
        ObjectNode created = registry.create(ResourceKind.LEASE, NAMESPACE, lease("a", "first"));
        replica.holdBack(leaseKey("a"));
        registry.delete(ResourceKind.LEASE, NAMESPACE, "a", version(created));

        ApiException notFound = assertThrows(ApiException.class, () -> registry.delete(ResourceKind.LEASE,
                NAMESPACE, "a", version(created)));
        ApiException updateNotFound = assertThrows(ApiException.class, () -> registry.update(ResourceKind.LEASE,
                NAMESPACE, "a", withHolder(created, "late"), UpdateMode.MAIN));

        assertEquals(404, notFound.code());
        assertEquals(404, updateNotFound.code());
    }

    private ObjectNode lease(String name, String holder) {
        ObjectNode lease = new ResourceCodec().json().createObjectNode();
        lease.put("apiVersion", "boss.io/v1");
        lease.put("kind", "Lease");
        lease.putObject("metadata").put("name", name).put("namespace", NAMESPACE);
        lease.putObject("spec").put("holderIdentity", holder).put("leaseDurationSeconds", 10);
        return lease;
    }

    private static ObjectNode withHolder(ObjectNode object, String holder) {
        ObjectNode copy = object.deepCopy();
        ((ObjectNode) copy.get("spec")).put("holderIdentity", holder);
        return copy;
    }

    private static String holder(ObjectNode object) {
        return object.path("spec").path("holderIdentity").asText();
    }

    private static long version(ObjectNode object) {
        return Long.parseLong(object.path("metadata").path("resourceVersion").asText());
    }

    private static String leaseKey(String name) {
        return RegistryKeys.key(ResourceKind.LEASE, NAMESPACE, name);
    }

    /**
     * The store of a replica whose local copy of some keys stopped at a given point, as a
     * follower's does until it applies the leader's latest entries. Linearizable reads and writes
     * reach the real store.
     */
    private static final class LaggingReplica implements Registry {

        private final Registry store;
        private final Map<String, Optional<KeyValue>> heldBack = new ConcurrentHashMap<>();

        LaggingReplica(Registry store) {
            this.store = store;
        }

        /** Freezes the local copy of {@code key} at its current value. */
        void holdBack(String key) {
            heldBack.put(key, Optional.ofNullable(store.get(key, ReadConsistency.LOCAL).join()));
        }

        /** Makes {@code key} absent from the local copy, as before the replica applied its create. */
        void holdBackAsMissing(String key) {
            heldBack.put(key, Optional.empty());
        }

        @Override
        public CompletableFuture<KeyValue> get(String key, ReadConsistency consistency) {
            Optional<KeyValue> frozenCopy = heldBack.get(key);
            if (consistency == ReadConsistency.LOCAL && frozenCopy != null) {
                return CompletableFuture.completedFuture(frozenCopy.orElse(null));
            }
            return store.get(key, consistency);
        }

        @Override
        public CompletableFuture<WriteResult> commit(List<Operation> operations) {
            return store.commit(operations);
        }

        @Override
        public CompletableFuture<ListResult> list(String prefix, ReadConsistency consistency) {
            return store.list(prefix, consistency);
        }

        @Override
        public CompletableFuture<Long> awaitRevision(long revision, Duration timeout) {
            return store.awaitRevision(revision, timeout);
        }

        @Override
        public Watch watch(String prefix, long fromRevision, WatchListener listener) {
            return store.watch(prefix, fromRevision, listener);
        }

        @Override
        public long currentRevision() {
            return store.currentRevision();
        }

        @Override
        public long oldestWatchableRevision() {
            return store.oldestWatchableRevision();
        }

        @Override
        public String replicaId() {
            return store.replicaId();
        }

        @Override
        public boolean isLeader() {
            return store.isLeader();
        }

        @Override
        public long currentTerm() {
            return store.currentTerm();
        }

        @Override
        public String leaderId() {
            return store.leaderId();
        }

        @Override
        public List<ReplicaInfo> replicas() {
            return store.replicas();
        }

        @Override
        public void addLeadershipListener(LeadershipListener listener) {
            store.addLeadershipListener(listener);
        }

        @Override
        public void removeLeadershipListener(LeadershipListener listener) {
            store.removeLeadershipListener(listener);
        }

        @Override
        public void close() {
        }
    }
}
