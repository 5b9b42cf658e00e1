package io.boss.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.boss.server.testing.HttpApi;
import io.boss.server.testing.HttpApi.Reply;
import io.boss.server.testing.HttpApi.WatchConnection;
import io.boss.server.testing.LocalCluster;
import io.boss.store.ratis.RatisRegistry;
import io.dropwizard.util.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Watches over HTTP: order, replay, filtering, bookmarks, expiry and cleanup on disconnect. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WatchApiTest {

    private static final int WATCH_HISTORY = 20;
    private static final java.time.Duration EVENT_WAIT = java.time.Duration.ofSeconds(30);

    private final HttpApi api = new HttpApi();
    private LocalCluster cluster;

    @BeforeAll
    void startCluster(@TempDir Path tempDir) {
        cluster = LocalCluster.builder(tempDir).replicas(3).withoutBuiltInLeaderServices()
                .configure(configuration -> {
                    configuration.getApi().setBookmarkInterval(Duration.milliseconds(300));
                    configuration.getRaft().setWatchHistorySize(WATCH_HISTORY);
                })
                .start();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private URI replica(int index) {
        return cluster.replica(index).apiUri();
    }

    @Test
    void watchSeesOtherReplicasWritesInOrder() {
        String pods = "/api/v1/namespaces/order/pods";
        String listVersion = api.get(replica(0), pods).resourceVersion();

        try (WatchConnection watch = api.watch(replica(2), pods + "?watch=true&resourceVersion=" + listVersion)) {
            assertEquals(200, watch.status());
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                expected.add("ADDED " + api.post(replica(0), pods, Manifests.pod("p" + i)).resourceVersion());
            }
            expected.add("MODIFIED " + api.put(replica(1), pods + "/p2", Manifests.pod("p2", "app", "v2")).resourceVersion());
            expected.add("DELETED " + api.delete(replica(1), pods + "/p3").resourceVersion());

            WatchLog log = new WatchLog(watch);
            await("all seven events on the watching replica").atMost(EVENT_WAIT)
                    .untilAsserted(() -> assertEquals(expected, log.drain()));
        }
    }

    /**
     * A list of an empty registry returns resourceVersion 0. A write may land before the watch from
     * that list opens, and the watch must still deliver it.
     */
    @Test
    void watchFromEmptyRegistryListSeesFirstWrite(@TempDir Path emptyDir) {
        try (LocalCluster empty = LocalCluster.builder(emptyDir).replicas(1).withoutBuiltInLeaderServices().start()) {
            URI server = empty.replica(0).apiUri();
            String pods = "/api/v1/namespaces/first/pods";
            String listVersion = api.get(server, pods).resourceVersion();
            String created = api.post(server, pods, Manifests.pod("first")).resourceVersion();

            try (WatchConnection watch = api.watch(server, pods + "?watch=true&resourceVersion=" + listVersion)) {
                WatchLog log = new WatchLog(watch);

                assertEquals("0", listVersion);
                await("the write made before the watch opened").atMost(EVENT_WAIT)
                        .untilAsserted(() -> assertEquals(List.of("ADDED " + created), log.drain()));
            }
        }
    }

    @Test
    void watchReplaysChangesAfterResourceVersion() {
        String pods = "/api/v1/namespaces/replay/pods";
        String before = api.get(replica(0), pods).resourceVersion();
        String first = api.post(replica(0), pods, Manifests.pod("r1")).resourceVersion();
        String second = api.post(replica(1), pods, Manifests.pod("r2")).resourceVersion();

        try (WatchConnection watch = api.watch(replica(2), pods + "?watch=true&resourceVersion=" + before)) {
            WatchLog log = new WatchLog(watch);
            await("both past changes replayed").atMost(EVENT_WAIT)
                    .untilAsserted(() -> assertEquals(List.of("ADDED " + first, "ADDED " + second), log.drain()));
        }
    }

    @Test
    void namespaceWatchIgnoresOtherNamespaces() {
        String listVersion = api.get(replica(0), "/api/v1/pods").resourceVersion();

        try (WatchConnection scoped = api.watch(replica(1), "/api/v1/namespaces/ns-a/pods?watch=true&resourceVersion=" + listVersion);
             WatchConnection everywhere = api.watch(replica(1), "/api/v1/pods?watch=true&resourceVersion=" + listVersion)) {
            String inA = api.post(replica(0), "/api/v1/namespaces/ns-a/pods", Manifests.pod("x")).resourceVersion();
            String inB = api.post(replica(0), "/api/v1/namespaces/ns-b/pods", Manifests.pod("x")).resourceVersion();

            WatchLog everywhereLog = new WatchLog(everywhere);
            await("both creates on the all-namespaces watch").atMost(EVENT_WAIT)
                    .untilAsserted(() -> assertEquals(List.of("ADDED " + inA, "ADDED " + inB), everywhereLog.drain()));
            WatchLog scopedLog = new WatchLog(scoped);
            await("a bookmark on the scoped watch at or past its create").atMost(EVENT_WAIT)
                    .untilAsserted(() -> assertTrue(scopedLog.lastBookmark() >= Long.parseLong(inA)));
            assertEquals(List.of("ADDED " + inA), scopedLog.drain());
        }
    }

    @Test
    void objectThatStopsMatchingIsSentAsDeleted() {
        String pods = "/api/v1/namespaces/relabel/pods";
        String listVersion = api.get(replica(0), pods).resourceVersion();

        try (WatchConnection watch = api.watch(replica(1),
                pods + "?watch=true&labelSelector=tier%3Dfront&resourceVersion=" + listVersion)) {
            String added = api.post(replica(0), pods, Manifests.pod("m", "tier", "front")).resourceVersion();
            String left = api.put(replica(0), pods + "/m", Manifests.pod("m", "tier", "back")).resourceVersion();
            String back = api.put(replica(0), pods + "/m", Manifests.pod("m", "tier", "front")).resourceVersion();

            WatchLog log = new WatchLog(watch);
            await("added, deleted on leaving the selector, added again").atMost(EVENT_WAIT).untilAsserted(() ->
                    assertEquals(List.of("ADDED " + added, "DELETED " + left, "ADDED " + back), log.drain()));
        }
    }

    @Test
    void bookmarksCarryTheNewestHandledRevision() {
        String pods = "/api/v1/namespaces/bookmarks/pods";
        String created = api.post(replica(0), pods, Manifests.pod("b")).resourceVersion();

        try (WatchConnection watch = api.watch(replica(2), pods + "?watch=true&resourceVersion=" + (Long.parseLong(created) - 1))) {
            WatchLog log = new WatchLog(watch);
            await("a bookmark at the replayed create's revision").atMost(EVENT_WAIT)
                    .untilAsserted(() -> assertEquals(Long.parseLong(created), log.lastBookmark()));
            assertEquals(List.of("ADDED " + created), log.drain());
        }
    }

    @Test
    void watchFromCompactedRevisionIsExpired() {
        String pods = "/api/v1/namespaces/churn/pods";
        for (int i = 0; i < WATCH_HISTORY + 5; i++) {
            assertEquals(201, api.post(replica(0), pods, Manifests.pod("c" + i)).status());
        }

        Reply expired = api.get(replica(1), pods + "?watch=true&resourceVersion=1");

        assertEquals(410, expired.status(), expired.text());
        assertEquals("Expired", expired.reason());
    }

    @Test
    void clientDisconnectClosesTheStoreWatch() {
        LocalCluster.Replica server = cluster.replica(1);
        RatisRegistry store = (RatisRegistry) server.context().store();
        await("watches of earlier tests to close").atMost(EVENT_WAIT)
                .untilAsserted(() -> assertEquals(0, server.context().watches().openWatches()));
        int storeWatchesBefore = store.activeWatchCount();

        WatchConnection watch = api.watch(server.apiUri(), "/api/v1/namespaces/leak/pods?watch=true");
        await("the watch to open").atMost(EVENT_WAIT)
                .untilAsserted(() -> assertEquals(1, server.context().watches().openWatches()));
        assertEquals(storeWatchesBefore + 1, store.activeWatchCount());
        watch.close();

        await("the server to notice the disconnect and close the store watch").atMost(EVENT_WAIT).untilAsserted(() -> {
            assertEquals(0, server.context().watches().openWatches());
            assertEquals(storeWatchesBefore, store.activeWatchCount());
        });
    }

    /** Events read from one watch so far: changes as "TYPE resourceVersion", and the newest bookmark. */
    private static final class WatchLog {

        private final WatchConnection watch;
        private final List<String> changes = new ArrayList<>();
        private long lastBookmark = -1;

        WatchLog(WatchConnection watch) {
            this.watch = watch;
        }

        /** Moves every event received so far into this log and returns the changes. */
        List<String> drain() {
            JsonNode event;
            while ((event = watch.events().poll()) != null) {
                String type = event.path("type").asText();
                String revision = event.path("object").path("metadata").path("resourceVersion").asText();
                if (type.equals("BOOKMARK")) {
                    lastBookmark = Long.parseLong(revision);
                } else {
                    changes.add(type + " " + revision);
                }
            }
            return changes;
        }

        /** Returns the revision of the newest bookmark drained, or -1 when none arrived. */
        long lastBookmark() {
            drain();
            return lastBookmark;
        }
    }
}
