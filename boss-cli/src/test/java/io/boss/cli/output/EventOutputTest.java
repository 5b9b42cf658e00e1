package io.boss.cli.output;

import static io.boss.cli.testing.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.api.ResourceKind;
import io.boss.api.model.Event;
import io.boss.api.model.EventSource;
import io.boss.api.model.ObjectReference;
import io.boss.api.model.Pod;
import io.boss.cli.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Events table of describe and the rows of get events. */
class EventOutputTest {

    private final Pod pod = Fixtures.pod("default", "web", 120);

    private Event event(String reason, String type, String component, long secondsAgo, String message) {
        Event event = new Event("default", "web." + reason.toLowerCase());
        event.setInvolvedObject(ObjectReference.of(pod));
        event.setReason(reason);
        event.setType(type);
        event.setSource(new EventSource(component, null));
        event.setMessage(message);
        event.setCount(1);
        event.setFirstTimestamp(NOW.minusSeconds(secondsAgo));
        event.setLastTimestamp(NOW.minusSeconds(secondsAgo));
        return event;
    }

    @Test
    void describeEndsWithEventsOldestFirst() {
        Event started = event("Started", Event.NORMAL, "boss-node", 30, "Started sandbox s-0 with provider process");
        Event scheduled = event("Scheduled", Event.NORMAL, "scheduler", 90, "Bound to node-1 (provider process)");

        List<String> lines = new Describer(NOW).describe(pod, List.of(started, scheduled)).lines().toList();

        int header = lines.indexOf("Events:");
        assertTrue(header > 0, String.join("\n", lines));
        assertEquals(List.of("TYPE", "REASON", "AGE", "FROM", "MESSAGE"), List.of(lines.get(header + 1).trim().split("\\s+")));
        assertTrue(lines.get(header + 2).matches("  Normal +Scheduled +90s +scheduler +Bound to node-1 \\(provider process\\)"),
                lines.get(header + 2));
        assertTrue(lines.get(header + 3).matches("  Normal +Started +30s +boss-node +Started sandbox s-0 with provider process"),
                lines.get(header + 3));
        assertEquals(header + 4, lines.size(), "the Events table must be the last section");
    }

    @Test
    void describeWithoutEventsSaysNone() {
        String description = new Describer(NOW).describe(pod, List.of());

        assertTrue(description.lines().anyMatch(line -> line.matches("Events: +<none>")), description);
    }

    @Test
    void repeatedEventShowsCountAndSpan() {
        Event backOff = event("BackOff", Event.WARNING, "boss-node", 10, "Back-off restarting sandbox");
        backOff.setCount(4);
        backOff.setFirstTimestamp(NOW.minusSeconds(300));

        assertEquals("10s (x4 over 5m)", EventTables.age(backOff, NOW));
    }

    @Test
    void getEventsRowsOldestFirst() {
        Event scheduled = event("Scheduled", Event.NORMAL, "scheduler", 90, "Bound to node-1 (provider process)");
        Event failed = event("Failed", Event.WARNING, "boss-node", 5, "ArtifactFetchFailed: digest mismatch");
        ResourceTables tables = new ResourceTables(false, false, NOW);

        StringWriter text = new StringWriter();
        tables.table(ResourceKind.EVENT, List.of(failed, scheduled)).print(new PrintWriter(text, true));
        List<String> lines = text.toString().lines().toList();

        assertTrue(lines.get(0).matches("LAST SEEN +TYPE +REASON +OBJECT +MESSAGE"), lines.get(0));
        assertTrue(lines.get(1).matches("90s +Normal +Scheduled +pod/web +Bound to node-1 \\(provider process\\)"), lines.get(1));
        assertTrue(lines.get(2).matches("5s +Warning +Failed +pod/web +ArtifactFetchFailed: digest mismatch"), lines.get(2));
    }

    @Test
    void allNamespacesPutsNamespaceFirst() {
        ResourceTables tables = new ResourceTables(false, true, NOW);

        assertEquals(List.of("NAMESPACE", "LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"),
                tables.headers(ResourceKind.EVENT));
    }
}
