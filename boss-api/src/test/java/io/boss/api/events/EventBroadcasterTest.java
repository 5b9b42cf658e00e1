package io.boss.api.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.api.model.Event;
import io.boss.api.model.EventSource;
import io.boss.api.model.Node;
import io.boss.api.model.Pod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Queueing, aggregation and dropping of recorded events. */
class EventBroadcasterTest {

    private static final EventSource SOURCE = new EventSource("test-controller", null);

    /** A sink that keeps the stored events by name and every write in order. */
    private static final class MemorySink implements EventSink {
        final Map<String, Event> stored = new ConcurrentHashMap<>();
        final List<EventWrite> writes = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void write(EventWrite write) {
            writes.add(write);
            stored.put(write.event().getMetadata().getName(), write.event());
        }
    }

    private static Pod pod(String name) {
        Pod pod = new Pod("default", name);
        pod.getMetadata().setUid(name + "-uid");
        return pod;
    }

    @Test
    void repeatsAggregateIntoOneEvent() {
        MemorySink sink = new MemorySink();
        try (EventBroadcaster broadcaster = EventBroadcaster.start("test", sink, Clock.systemUTC(), 100)) {
            EventRecorder recorder = broadcaster.newRecorder(SOURCE);

            for (int i = 0; i < 3; i++) {
                recorder.warning(pod("web-0"), "FailedScheduling", "0/1 nodes are available");
            }

            await("three occurrences stored as one event").atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertEquals(1, sink.stored.size());
                Event event = sink.stored.values().iterator().next();
                assertEquals(3, event.getCount());
            });
        }
        Event event = sink.stored.values().iterator().next();
        assertTrue(event.getMetadata().getName().matches("web-0\\.[0-9a-f]{16}"), event.getMetadata().getName());
        assertEquals(Event.WARNING, event.getType());
        assertEquals("default", event.getMetadata().getNamespace());
        assertEquals("web-0-uid", event.getInvolvedObject().getUid());
        assertEquals("test-controller", event.getSource().getComponent());
        assertTrue(sink.writes.get(0).create(), "the first write must be a create");
    }

    @Test
    void differentMessagesMakeDifferentEvents() {
        MemorySink sink = new MemorySink();
        try (EventBroadcaster broadcaster = EventBroadcaster.start("test", sink, Clock.systemUTC(), 100)) {
            EventRecorder recorder = broadcaster.newRecorder(SOURCE);

            recorder.normal(pod("web-0"), "Started", "Started sandbox a");
            recorder.normal(pod("web-0"), "Started", "Started sandbox b");

            await("two events stored").atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertEquals(2, sink.stored.size()));
        }
    }

    @Test
    void nodeEventGoesToDefaultNamespace() {
        MemorySink sink = new MemorySink();
        Node node = new Node(null, "node-1");
        node.getMetadata().setUid("node-uid");
        try (EventBroadcaster broadcaster = EventBroadcaster.start("test", sink, Clock.systemUTC(), 100)) {
            broadcaster.newRecorder(SOURCE).normal(node, "NodeNotReady", "Node node-1 status is now: NodeNotReady");

            await("node event stored").atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertEquals(1, sink.stored.size()));
        }
        Event event = sink.stored.values().iterator().next();
        assertEquals("default", event.getMetadata().getNamespace());
        assertEquals(null, event.getInvolvedObject().getNamespace());
        assertEquals("Node", event.getInvolvedObject().getKind());
    }

    @Test
    void fullQueueDropsAndCountsWithoutBlocking() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        EventSink blocked = write -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (EventBroadcaster broadcaster = EventBroadcaster.start("test", blocked, Clock.systemUTC(), 2)) {
            EventRecorder recorder = broadcaster.newRecorder(SOURCE);

            long started = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                recorder.normal(pod("web-" + i), "Started", "Started sandbox " + i);
            }
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertTrue(elapsedMillis < 1000, "recording took " + elapsedMillis + " ms");
            // The queue holds 2, and the writer took at most 3 out of it before the sink blocked it.
            assertTrue(broadcaster.droppedCount() >= 45, "dropped " + broadcaster.droppedCount());
            release.countDown();
        }
    }

    @Test
    void failedWriteIsDroppedAndForgotten() {
        MemorySink stored = new MemorySink();
        boolean[] failNext = {true};
        EventSink flaky = write -> {
            if (failNext[0]) {
                failNext[0] = false;
                throw new IllegalStateException("store unavailable");
            }
            stored.write(write);
        };
        try (EventBroadcaster broadcaster = EventBroadcaster.start("test", flaky, Clock.systemUTC(), 100)) {
            EventRecorder recorder = broadcaster.newRecorder(SOURCE);
            recorder.normal(pod("web-0"), "Killing", "Stopping sandbox a");
            await("the failed write is counted as dropped").atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertEquals(1, broadcaster.droppedCount()));

            recorder.normal(pod("web-0"), "Killing", "Stopping sandbox a");

            await("the repeat is stored").atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertEquals(1, stored.writes.size()));
        }
        assertTrue(stored.writes.get(0).create(), "a repeat of a dropped event must create it");
        assertEquals(1, stored.writes.get(0).event().getCount());
    }

    @Test
    void repeatAfterWindowCreatesNewEvent() {
        EventCorrelator correlator = new EventCorrelator(10);
        Instant start = Instant.parse("2026-01-31T12:00:00Z");
        EventCorrelator.Occurrence first = occurrence(start);
        EventCorrelator.Occurrence soon = occurrence(start.plus(Duration.ofMinutes(9)));
        EventCorrelator.Occurrence late = occurrence(start.plus(Duration.ofMinutes(20)));

        EventWrite created = correlator.observe(first);
        EventWrite updated = correlator.observe(soon);
        EventWrite recreated = correlator.observe(late);

        assertTrue(created.create());
        assertEquals(false, updated.create());
        assertEquals(2, updated.event().getCount());
        assertEquals(soon.time(), updated.event().getLastTimestamp());
        assertEquals(created.event().getMetadata().getName(), updated.event().getMetadata().getName());
        assertTrue(recreated.create());
        assertNotEquals(created.event().getMetadata().getName(), recreated.event().getMetadata().getName());
    }

    @Test
    void longObjectNameIsShortenedToValidName() {
        String name = EventCorrelator.eventName("a".repeat(235) + "-b" + "c".repeat(20), "key",
                Instant.EPOCH);

        assertTrue(name.length() <= 253, "length " + name.length());
        assertTrue(name.matches("a{235}\\.[0-9a-f]{16}"), name);
    }

    private static EventCorrelator.Occurrence occurrence(Instant time) {
        return new EventCorrelator.Occurrence(io.boss.api.model.ObjectReference.of(pod("web-0")), Event.NORMAL,
                "Pulled", "Fetched artifact", SOURCE, time);
    }
}
