package io.boss.server.events;

import io.boss.api.client.BossClient;
import io.boss.api.model.Event;
import io.boss.api.model.EventSource;
import io.boss.api.model.ObjectReference;
import io.boss.server.testing.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The garbage collector deletes events by the age of their last occurrence. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EventExpiryTest {

    private static final long TTL_SECONDS = 20;

    @Test
    void garbageCollectorDeletesEventsOlderThanTtl(@TempDir Path tempDir) {
        try (LocalCluster cluster = LocalCluster.builder(tempDir).replicas(1)
                .configure(configuration -> configuration.getControllers()
                        .setEventTtl(io.dropwizard.util.Duration.seconds(TTL_SECONDS)))
                .start();
             BossClient client = BossClient.create(cluster.replica(0).apiUri().toString())) {
            client.create(event("old", Instant.now().minus(Duration.ofHours(2))));
            client.create(event("fresh", Instant.now()));

            await("the event last seen two hours ago to be deleted").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertEquals(List.of(), eventsAbout(client, "old")));

            // The sweep runs every TTL/4 = 5 s, so the fresh event has at least 15 s left.
            assertEquals(1, eventsAbout(client, "fresh").size(), "an event younger than the TTL must be kept");
        }
    }

    private static List<Event> eventsAbout(BossClient client, String podName) {
        return client.list(Event.class, "expiry", null, "involvedObject.name=" + podName).getItems();
    }

    private static Event event(String podName, Instant lastSeen) {
        Event event = new Event("expiry", podName + ".0000000000000001");
        event.setInvolvedObject(new ObjectReference("Pod", "expiry", podName, "uid-" + podName));
        event.setType(Event.NORMAL);
        event.setReason("Started");
        event.setMessage("Started sandbox s-1 with provider process");
        event.setSource(new EventSource("test", null));
        event.setCount(1);
        event.setFirstTimestamp(lastSeen);
        event.setLastTimestamp(lastSeen);
        return event;
    }
}
