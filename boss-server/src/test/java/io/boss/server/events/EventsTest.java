package io.boss.server.events;

import io.boss.api.client.BossClient;
import io.boss.api.events.ClientEventSink;
import io.boss.api.events.EventBroadcaster;
import io.boss.api.events.EventRecorder;
import io.boss.api.model.Container;
import io.boss.api.model.Event;
import io.boss.api.model.EventSource;
import io.boss.api.model.LabelSelector;
import io.boss.api.model.Pod;
import io.boss.api.model.PodTemplateSpec;
import io.boss.api.model.ReplicaSet;
import io.boss.server.testing.LocalCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events recorded by the leader's services and aggregated by recorders, through a real three-replica cluster. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EventsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private LocalCluster cluster;
    private BossClient client;

    @BeforeAll
    void startCluster(@TempDir Path tempDir) {
        cluster = LocalCluster.builder(tempDir).replicas(3).start();
        String endpoints = String.join(",", cluster.replicas().stream().map(r -> r.apiUri().toString()).toList());
        client = BossClient.create(endpoints);
    }

    @AfterAll
    void stopCluster() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void replicaSetCreationRecordsSuccessfulCreate() {
        ReplicaSet created = client.create(replicaSet("events", "web", 2));

        await("two SuccessfulCreate events about ReplicaSet web").atMost(WAIT).untilAsserted(() -> {
            List<Event> events = eventsAbout("events", "ReplicaSet", "web");
            List<Event> creates = events.stream().filter(e -> e.getReason().equals("SuccessfulCreate")).toList();
            assertEquals(2, creates.size(), () -> "events: " + events);
        });
        Event event = eventsAbout("events", "ReplicaSet", "web").get(0);
        assertEquals(created.getMetadata().getUid(), event.getInvolvedObject().getUid());
        assertEquals(Event.NORMAL, event.getType());
        assertEquals("replicaset-controller", event.getSource().getComponent());
        assertTrue(event.getMessage().startsWith("Created pod web-"), event.getMessage());
        assertEquals(1, event.getCount());
    }

    @Test
    void podWithoutNodesRecordsFailedScheduling() {
        client.create(pod("events", "lonely"));

        await("a FailedScheduling warning about pod lonely").atMost(WAIT).untilAsserted(() -> {
            List<Event> events = eventsAbout("events", "Pod", "lonely");
            assertEquals(1, events.size(), () -> "events: " + events);
            assertEquals("FailedScheduling", events.get(0).getReason());
            assertEquals(Event.WARNING, events.get(0).getType());
            assertEquals("scheduler", events.get(0).getSource().getComponent());
        });
    }

    @Test
    void identicalEventsThroughTheStoreAggregate() {
        Pod pod = client.create(pod("aggregate", "store-pod"));
        StoreEventSink sink = new StoreEventSink(cluster.awaitLeader(WAIT).context().store(), Duration.ofSeconds(5));

        try (EventBroadcaster broadcaster = EventBroadcaster.start("test", sink, Clock.systemUTC(), 100)) {
            EventRecorder recorder = broadcaster.newRecorder(new EventSource("test", null));
            for (int i = 0; i < 5; i++) {
                recorder.warning(pod, "BackOff", "Back-off restarting sandbox");
            }

            await("five occurrences stored as one event").atMost(WAIT).untilAsserted(() -> {
                List<Event> events = eventsAbout("aggregate", "Pod", "store-pod", "BackOff");
                assertEquals(1, events.size(), () -> "events: " + events);
                assertEquals(5, events.get(0).getCount());
            });
        }
    }

    @Test
    void identicalEventsThroughTheApiAggregate() {
        Pod pod = client.create(pod("aggregate", "api-pod"));

        try (EventBroadcaster broadcaster = EventBroadcaster.start("test", new ClientEventSink(client),
                Clock.systemUTC(), 100)) {
            EventRecorder recorder = broadcaster.newRecorder(new EventSource("test", "node-1"));
            recorder.normal(pod, "Killing", "Stopping sandbox a");
            await("first occurrence stored").atMost(WAIT)
                    .untilAsserted(() -> assertEquals(1, eventsAbout("aggregate", "Pod", "api-pod", "Killing").size()));

            recorder.normal(pod, "Killing", "Stopping sandbox a");
            recorder.normal(pod, "Killing", "Stopping sandbox a");

            await("three occurrences stored as one event").atMost(WAIT).untilAsserted(() -> {
                List<Event> events = eventsAbout("aggregate", "Pod", "api-pod", "Killing");
                assertEquals(1, events.size(), () -> "events: " + events);
                assertEquals(3, events.get(0).getCount());
                assertTrue(events.get(0).getLastTimestamp().isAfter(events.get(0).getFirstTimestamp()),
                        "lastTimestamp must move forward");
            });
        }
    }

    private List<Event> eventsAbout(String namespace, String kind, String name) {
        return client.list(Event.class, namespace, null,
                "involvedObject.kind=" + kind + ",involvedObject.name=" + name).getItems();
    }

    /** Returns the events with {@code reason}, leaving out those the scheduler records about the same pod. */
    private List<Event> eventsAbout(String namespace, String kind, String name, String reason) {
        return client.list(Event.class, namespace, null,
                "involvedObject.kind=" + kind + ",involvedObject.name=" + name + ",reason=" + reason).getItems();
    }

    private static Pod pod(String namespace, String name) {
        Pod pod = new Pod(namespace, name);
        pod.getSpec().setContainers(List.of(container()));
        return pod;
    }

    private static ReplicaSet replicaSet(String namespace, String name, int replicas) {
        ReplicaSet replicaSet = new ReplicaSet(namespace, name);
        replicaSet.getSpec().setReplicas(replicas);
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(Map.of("app", name));
        replicaSet.getSpec().setSelector(selector);
        PodTemplateSpec template = new PodTemplateSpec();
        template.getMetadata().setLabels(Map.of("app", name));
        template.getSpec().setContainers(List.of(container()));
        replicaSet.getSpec().setTemplate(template);
        return replicaSet;
    }

    private static Container container() {
        Container container = new Container();
        container.setName("main");
        container.setCommand(List.of("/bin/sleep", "60"));
        return container;
    }
}
