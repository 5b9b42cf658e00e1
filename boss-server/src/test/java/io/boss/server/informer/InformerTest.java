package io.boss.server.informer;

import io.boss.api.model.Pod;
import io.boss.store.StoreException;
import io.boss.store.Watch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drives an informer with a scripted source, so expiry and broken watches happen exactly where the
 * test puts them.
 */
@Timeout(30)
class InformerTest {

    private final ScriptedSource source = new ScriptedSource();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final Informer<Pod> informer = new Informer<>("test", source, Indexers.forPods(), Duration.ofMillis(10));

    @AfterEach
    void stop() throws InterruptedException {
        informer.stop();
    }

    @Test
    void expiredWatchRelistsAndDeliversDifference() {
        source.listings.add(new Listing<>(5, List.of(pod("a", 3, ""), pod("b", 4, ""))));
        source.listings.add(new Listing<>(9, List.of(pod("b", 8, "node-1"), pod("c", 9, ""))));
        source.watchScripts.add(watch -> watch.closed.accept(new StoreException(StoreException.Reason.EXPIRED, null, "compacted")));
        startRecording();

        await("second listing delivered").atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertEquals(5, events.size(), events.toString()));
        assertEquals(List.of("add a@3", "add b@4", "update b@4->8", "add c@9", "delete a@3"), events);
        assertEquals(1, informer.relistCount());
        assertEquals(9, informer.lastRevision());
        assertEquals(List.of("b"), informer.indexer().byIndex(Indexers.NODE_NAME, "node-1").stream()
                .map(p -> p.getMetadata().getName()).toList());
        assertEquals(List.of(6L, 10L), source.watchStarts);
    }

    @Test
    void brokenWatchResumesFromLastRevision() {
        source.listings.add(new Listing<>(5, List.of(pod("a", 5, ""))));
        source.watchScripts.add(watch -> {
            watch.events.accept(new ObjectEvent<>(ObjectEvent.Type.MODIFIED, pod("a", 6, "node-1"), 6));
            watch.closed.accept(new StoreException(StoreException.Reason.CLOSED, null, "replica restarting"));
        });
        source.watchScripts.add(watch -> {
            watch.events.accept(new ObjectEvent<>(ObjectEvent.Type.MODIFIED, pod("a", 6, "node-1"), 6));
            watch.events.accept(new ObjectEvent<>(ObjectEvent.Type.DELETED, pod("a", 6, "node-1"), 7));
        });
        startRecording();

        await("delete after resume").atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertEquals(3, events.size(), events.toString()));
        assertEquals(List.of("add a@5", "update a@5->6", "delete a@6"), events);
        assertEquals(List.of(6L, 6L), source.watchStarts);
        assertEquals(0, informer.relistCount());
        assertEquals(0, informer.indexer().size());
    }

    @Test
    void sameRevisionEventsAllApply() {
        source.listings.add(new Listing<>(5, List.of()));
        source.watchScripts.add(watch -> {
            watch.events.accept(new ObjectEvent<>(ObjectEvent.Type.ADDED, pod("a", 6, ""), 6));
            watch.events.accept(new ObjectEvent<>(ObjectEvent.Type.ADDED, pod("b", 6, ""), 6));
            watch.closed.accept(new StoreException(StoreException.Reason.CLOSED, null, "replica restarting"));
        });
        source.watchScripts.add(watch -> {
            watch.events.accept(new ObjectEvent<>(ObjectEvent.Type.ADDED, pod("a", 6, ""), 6));
            watch.events.accept(new ObjectEvent<>(ObjectEvent.Type.ADDED, pod("b", 6, ""), 6));
            watch.events.accept(new ObjectEvent<>(ObjectEvent.Type.ADDED, pod("c", 6, ""), 6));
        });
        startRecording();

        await("third pod of the batch added").atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertEquals(3, informer.indexer().size()));
        assertEquals(List.of("add a@6", "add b@6", "add c@6"), events);
    }

    @Test
    void hasSyncedOnlyAfterFirstList() throws InterruptedException {
        assertTrue(!informer.hasSynced());
        source.listings.add(new Listing<>(1, List.of(pod("a", 1, ""))));
        informer.start();

        assertTrue(informer.awaitSynced(Duration.ofSeconds(5)));
        assertEquals(1, informer.indexer().size());
    }

    private void startRecording() {
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod object) {
                events.add("add " + object.getMetadata().getName() + "@" + object.getMetadata().getResourceVersion());
            }

            @Override
            public void onUpdate(Pod previous, Pod current) {
                events.add("update " + current.getMetadata().getName() + "@" + previous.getMetadata().getResourceVersion()
                        + "->" + current.getMetadata().getResourceVersion());
            }

            @Override
            public void onDelete(Pod last) {
                events.add("delete " + last.getMetadata().getName() + "@" + last.getMetadata().getResourceVersion());
            }
        });
        informer.start();
    }

    private static Pod pod(String name, long revision, String nodeName) {
        Pod pod = new Pod("default", name);
        pod.getMetadata().setResourceVersion(Long.toString(revision));
        pod.getSpec().setNodeName(nodeName);
        return pod;
    }

    /** A source that serves queued listings and runs one queued script per watch; later watches stay idle. */
    private static final class ScriptedSource implements ListerWatcher<Pod> {

        final Deque<Listing<Pod>> listings = new ArrayDeque<>();
        final Deque<Consumer<Callbacks>> watchScripts = new ArrayDeque<>();
        final List<Long> watchStarts = new CopyOnWriteArrayList<>();

        @Override
        public synchronized Listing<Pod> list() {
            if (listings.isEmpty()) {
                throw new StoreException(StoreException.Reason.NO_QUORUM, null, "no listing scripted");
            }
            return listings.poll();
        }

        @Override
        public synchronized Watch watch(long fromRevision, Consumer<ObjectEvent<Pod>> onEvent,
                                        Consumer<StoreException> onClosed) {
            watchStarts.add(fromRevision);
            Consumer<Callbacks> script = watchScripts.poll();
            if (script != null) {
                script.accept(new Callbacks(onEvent, onClosed));
            }
            return new Watch() {
                @Override
                public long lastDeliveredRevision() {
                    return fromRevision - 1;
                }

                @Override
                public void close() {
                }
            };
        }
    }

    private record Callbacks(Consumer<ObjectEvent<Pod>> events, Consumer<StoreException> closed) {
    }
}
