package io.boss.cli.output;

import io.boss.api.model.Event;
import io.boss.api.model.ObjectReference;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The two views of events: the {@code bossctl get events} rows and the {@code Events:} table at
 * the end of {@code bossctl describe}. Both list events oldest first by their last occurrence.
 */
final class EventTables {

    /** Columns of {@code bossctl get events}, after NAMESPACE when every namespace is listed. */
    static final List<String> LIST_HEADERS = List.of("LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE");
    /** Columns of the Events table of {@code bossctl describe}. */
    static final List<String> DESCRIBE_HEADERS = List.of("TYPE", "REASON", "AGE", "FROM", "MESSAGE");

    private static final Comparator<Event> OLDEST_FIRST = Comparator
            .comparing(EventTables::lastSeen, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(event -> Objects.toString(event.getMetadata().getName(), ""));

    private EventTables() {
    }

    /** Returns {@code events} sorted by last occurrence, oldest first. */
    static List<Event> oldestFirst(List<Event> events) {
        return events.stream().sorted(OLDEST_FIRST).toList();
    }

    /** Adds the cells of one {@code get events} row after the optional namespace. */
    static void addListCells(List<String> cells, Event event, Instant now) {
        cells.add(Ages.between(lastSeen(event), now));
        cells.add(event.getType());
        cells.add(event.getReason());
        cells.add(objectName(event.getInvolvedObject()));
        cells.add(event.getMessage());
    }

    /** Builds the Events table of {@code describe}. */
    static Table describeTable(List<Event> events, Instant now) {
        Table table = new Table(DESCRIBE_HEADERS);
        for (Event event : oldestFirst(events)) {
            String from = event.getSource() == null ? null : event.getSource().getComponent();
            table.addRow(List.of(nullToEmpty(event.getType()), nullToEmpty(event.getReason()), age(event, now),
                    nullToEmpty(from), nullToEmpty(event.getMessage())));
        }
        return table;
    }

    /** Returns the age of the last occurrence and, for a repeated event, {@code (x3 over 5m)} as kubectl shows. */
    static String age(Event event, Instant now) {
        String age = Ages.between(lastSeen(event), now);
        Integer count = event.getCount();
        if (count == null || count <= 1 || event.getFirstTimestamp() == null) {
            return age;
        }
        return age + " (x" + count + " over " + Ages.between(event.getFirstTimestamp(), now) + ")";
    }

    /** Returns the involved object as {@code kind/name} in lowercase kind, such as {@code pod/web-0}. */
    static String objectName(ObjectReference involved) {
        if (involved == null) {
            return "";
        }
        return Objects.toString(involved.getKind(), "").toLowerCase(Locale.ROOT) + "/"
                + Objects.toString(involved.getName(), "");
    }

    private static Instant lastSeen(Event event) {
        if (event.getLastTimestamp() != null) {
            return event.getLastTimestamp();
        }
        return event.getFirstTimestamp() != null ? event.getFirstTimestamp() : event.getMetadata().getCreationTimestamp();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
