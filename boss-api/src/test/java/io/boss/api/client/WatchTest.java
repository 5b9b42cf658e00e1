package io.boss.api.client;

import static io.boss.api.client.FakeApiServer.respondJson;
import static io.boss.api.client.FakeApiServer.startStream;
import static io.boss.api.client.FakeApiServer.writeLine;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.boss.api.ResourceKind;
import io.boss.api.error.ApiError;
import io.boss.api.error.BossApiException;
import io.boss.api.model.ObjectList;
import io.boss.api.model.Pod;
import io.boss.api.model.WatchEvent;
import io.boss.api.model.WatchEventType;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class WatchTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Pod pod(String name, long revision) {
        Pod pod = new Pod("default", name);
        pod.getMetadata().setResourceVersion(Long.toString(revision));
        return pod;
    }

    private static WatchEvent<Pod> event(WatchEventType type, String name, long revision) {
        return new WatchEvent<>(type, pod(name, revision));
    }

    private static BossClient client(String endpoints) {
        return BossClient.builder().endpoints(endpoints).retryTimeout(Duration.ofSeconds(5)).build();
    }

    /** Records everything a watch delivers, in order. */
    private static final class RecordingListener implements WatchListener<Pod> {
        final List<String> deliveries = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> closeError = new AtomicReference<>();
        final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void onEvent(WatchEvent<Pod> event) {
            deliveries.add(event.getType() + " " + event.getObject().getMetadata().getName() + "@"
                    + event.getObject().getMetadata().getResourceVersion());
        }

        @Override
        public void onResync(List<Pod> items, String resourceVersion) {
            deliveries.add("RESYNC " + items.stream().map(pod -> pod.getMetadata().getName())
                    .collect(Collectors.joining(",")) + "@" + resourceVersion);
        }

        @Override
        public void onBookmark(String resourceVersion) {
            deliveries.add("BOOKMARK@" + resourceVersion);
        }

        @Override
        public void onClose(Throwable error) {
            closeError.set(error);
            closed.countDown();
        }
    }

    @Test
    void brokenStreamResumesOnNextReplica() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        FakeApiServer first = new FakeApiServer((exchange, request) -> {
            OutputStream out = startStream(exchange);
            writeLine(out, event(WatchEventType.ADDED, "a", 6));
            writeLine(out, event(WatchEventType.MODIFIED, "a", 7));
            release.await(30, TimeUnit.SECONDS);
        });
        RecordingListener listener = new RecordingListener();
        try (FakeApiServer second = new FakeApiServer((exchange, request) -> {
            OutputStream out = startStream(exchange);
            writeLine(out, event(WatchEventType.DELETED, "a", 8));
            release.await(30, TimeUnit.SECONDS);
        });
             BossClient client = client(first.url() + "," + second.url())) {
            WatchHandle watch = client.watch(Pod.class, "default", "app=web", null, "5", listener);
            await("events 6 and 7 from the first replica").atMost(WAIT)
                    .untilAsserted(() -> assertEquals(List.of("ADDED a@6", "MODIFIED a@7"), listener.deliveries));

            first.close();

            await("event 8 from the second replica").atMost(WAIT).untilAsserted(() -> assertEquals(
                    List.of("ADDED a@6", "MODIFIED a@7", "DELETED a@8"), listener.deliveries));
            FakeApiServer.Request resumed = second.watchRequests().get(0);
            assertEquals("7", resumed.query().get("resourceVersion"));
            assertEquals("app=web", resumed.query().get("labelSelector"));
            assertEquals("/api/v1/namespaces/default/pods", resumed.path());
            assertEquals("5", first.watchRequests().get(0).query().get("resourceVersion"));
            assertEquals("8", watch.resourceVersion());
        } finally {
            release.countDown();
            first.close();
        }
    }

    @Test
    void laggingReplicaTimeoutResumesOnNextReplica() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RecordingListener listener = new RecordingListener();
        try (FakeApiServer lagging = new FakeApiServer((exchange, request) -> FakeApiServer.respond(exchange, 504,
                "{\"code\":504,\"reason\":\"Timeout\",\"message\":\"revision 7 not applied yet\"}"));
             FakeApiServer current = new FakeApiServer((exchange, request) -> {
                 OutputStream out = startStream(exchange);
                 writeLine(out, event(WatchEventType.MODIFIED, "a", 8));
                 release.await(30, TimeUnit.SECONDS);
             });
             BossClient client = client(lagging.url() + "," + current.url())) {
            client.watch(Pod.class, "default", null, null, "7", listener);

            await("event 8 from the replica that is not lagging").atMost(WAIT)
                    .untilAsserted(() -> assertEquals(List.of("MODIFIED a@8"), listener.deliveries));
            assertEquals(1, lagging.watchRequests().size());
            assertEquals("7", current.watchRequests().get(0).query().get("resourceVersion"));
        } finally {
            release.countDown();
        }
    }

    @Test
    void expiredRevisionTriggersListAndResync() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (FakeApiServer server = new FakeApiServer((exchange, request) -> {
            if (!"true".equals(request.query().get("watch"))) {
                respondJson(exchange, 200, new ObjectList<>(ResourceKind.POD, List.of(pod("a", 9), pod("b", 10)), "10"));
            } else if ("3".equals(request.query().get("resourceVersion"))) {
                respondJson(exchange, 410, ApiError.expired("revision 3 has been compacted, oldest is 8"));
            } else {
                OutputStream out = startStream(exchange);
                writeLine(out, event(WatchEventType.ADDED, "c", 11));
                release.await(30, TimeUnit.SECONDS);
            }
        });
             BossClient client = client(server.url())) {
            RecordingListener listener = new RecordingListener();

            client.watch(Pod.class, null, null, null, "3", listener);

            await("resync then event 11").atMost(WAIT).untilAsserted(() ->
                    assertEquals(List.of("RESYNC a,b@10", "ADDED c@11"), listener.deliveries));
            assertEquals("10", server.watchRequests().get(1).query().get("resourceVersion"));
            assertEquals("/api/v1/pods", server.watchRequests().get(1).path());
        } finally {
            release.countDown();
        }
    }

    @Test
    void expiredErrorEventInStreamTriggersResync() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (FakeApiServer server = new FakeApiServer((exchange, request) -> {
            if (!"true".equals(request.query().get("watch"))) {
                respondJson(exchange, 200, new ObjectList<>(ResourceKind.POD, List.of(pod("a", 20)), "20"));
                return;
            }
            OutputStream out = startStream(exchange);
            if ("4".equals(request.query().get("resourceVersion"))) {
                writeLine(out, event(WatchEventType.ADDED, "a", 5));
                writeLine(out, new WatchEvent<>(WatchEventType.ERROR, ApiError.expired("too old")));
                return;
            }
            writeLine(out, event(WatchEventType.MODIFIED, "a", 21));
            release.await(30, TimeUnit.SECONDS);
        });
             BossClient client = client(server.url())) {
            RecordingListener listener = new RecordingListener();

            client.watch(Pod.class, "default", null, null, "4", listener);

            await("event, resync, event").atMost(WAIT).untilAsserted(() ->
                    assertEquals(List.of("ADDED a@5", "RESYNC a@20", "MODIFIED a@21"), listener.deliveries));
        } finally {
            release.countDown();
        }
    }

    @Test
    void bookmarkAdvancesResumeRevisionWithoutAnEvent() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (FakeApiServer server = new FakeApiServer((exchange, request) -> {
            OutputStream out = startStream(exchange);
            if ("1".equals(request.query().get("resourceVersion"))) {
                Pod bookmark = new Pod();
                bookmark.getMetadata().setResourceVersion("30");
                writeLine(out, new WatchEvent<>(WatchEventType.BOOKMARK, bookmark));
                return;
            }
            writeLine(out, event(WatchEventType.ADDED, "a", 31));
            release.await(30, TimeUnit.SECONDS);
        });
             BossClient client = client(server.url())) {
            RecordingListener listener = new RecordingListener();

            client.watch(Pod.class, "default", null, null, "1", listener);

            await("bookmark then event 31").atMost(WAIT).untilAsserted(() ->
                    assertEquals(List.of("BOOKMARK@30", "ADDED a@31"), listener.deliveries));
            assertEquals("30", server.watchRequests().get(1).query().get("resourceVersion"));
        } finally {
            release.countDown();
        }
    }

    @Test
    void watchWithoutRevisionListsFirst() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (FakeApiServer server = new FakeApiServer((exchange, request) -> {
            if (!"true".equals(request.query().get("watch"))) {
                respondJson(exchange, 200, new ObjectList<>(ResourceKind.POD, List.of(pod("a", 2)), "12"));
                return;
            }
            OutputStream out = startStream(exchange);
            writeLine(out, event(WatchEventType.ADDED, "b", 13));
            release.await(30, TimeUnit.SECONDS);
        });
             BossClient client = client(server.url())) {
            List<WatchEvent<Pod>> events = new CopyOnWriteArrayList<>();

            client.watch(Pod.class, "default", null, "spec.nodeName=node-1", null, events::add);

            await("listed object then watched event").atMost(WAIT).untilAsserted(() -> assertEquals(
                    List.of(event(WatchEventType.ADDED, "a", 2), event(WatchEventType.ADDED, "b", 13)), events));
            assertEquals("spec.nodeName=node-1", server.requests().get(0).query().get("fieldSelector"));
            assertEquals("12", server.watchRequests().get(0).query().get("resourceVersion"));
        } finally {
            release.countDown();
        }
    }

    @Test
    void rejectedWatchStopsWithTheServerError() throws Exception {
        try (FakeApiServer server = new FakeApiServer((exchange, request) ->
                respondJson(exchange, 400, ApiError.badRequest("invalid label selector \"a in\"")));
             BossClient client = client(server.url())) {
            RecordingListener listener = new RecordingListener();

            WatchHandle watch = client.watch(Pod.class, "default", "a in", null, "1", listener);

            await("watch closed by the error").atMost(WAIT).untilAsserted(() -> assertFalse(watch.isActive()));
            listener.closed.await(10, TimeUnit.SECONDS);
            BossApiException error = assertInstanceOf(BossApiException.class, listener.closeError.get());
            assertEquals(400, error.code());
            assertEquals(1, server.requests().size());
        }
    }

    @Test
    void closeStopsTheWatchAndReportsNoError() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (FakeApiServer server = new FakeApiServer((exchange, request) -> {
            OutputStream out = startStream(exchange);
            writeLine(out, event(WatchEventType.ADDED, "a", 2));
            release.await(30, TimeUnit.SECONDS);
        });
             BossClient client = client(server.url())) {
            RecordingListener listener = new RecordingListener();
            WatchHandle watch = client.watch(Pod.class, "default", null, null, "1", listener);
            await("first event").atMost(WAIT).untilAsserted(() -> assertEquals(List.of("ADDED a@2"), listener.deliveries));

            watch.close();

            await("listener told of the close").atMost(WAIT)
                    .untilAsserted(() -> assertEquals(0, listener.closed.getCount()));
            assertNull(listener.closeError.get());
            assertFalse(watch.isActive());
            assertEquals(1, server.watchRequests().size(), "a closed watch must not reconnect");
        } finally {
            release.countDown();
        }
    }
}
