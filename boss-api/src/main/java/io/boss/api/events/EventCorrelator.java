package io.boss.api.events;

import io.boss.api.json.Serialization;
import io.boss.api.model.Event;
import io.boss.api.model.EventSource;
import io.boss.api.model.ObjectMeta;
import io.boss.api.model.ObjectReference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Turns occurrences into event writes and aggregates repeats, following the Kubernetes event
 * compression design (kubernetes/kubernetes, docs/design/event_compression.md). An occurrence with
 * the same involved object, type, reason, message and source component as an event whose last
 * occurrence was at most {@link #AGGREGATION_WINDOW} earlier updates that event's {@code count}
 * and {@code lastTimestamp}. Any other occurrence creates a new event.
 *
 * <p>It remembers the last {@code maxEntries} events, evicting the least recently used, so after a
 * restart or an eviction a repeat creates a new event instead. Not thread-safe: the broadcaster's
 * writer thread owns it.
 */
final class EventCorrelator {

    /** How long after an event's last occurrence a repeat still updates it. */
    static final Duration AGGREGATION_WINDOW = Duration.ofMinutes(10);

    /** Maximum length of the object-name prefix, which leaves room for the dot and 16 hex digits within 253 characters. */
    private static final int MAX_NAME_PREFIX = 253 - 17;

    private final Map<String, Event> recent;

    EventCorrelator(int maxEntries) {
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Event> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** Returns the write that records {@code occurrence}, and remembers the resulting event. */
    EventWrite observe(Occurrence occurrence) {
        String key = occurrence.correlationKey();
        Event last = recent.get(key);
        boolean repeat = last != null
                && !occurrence.time().isAfter(last.getLastTimestamp().plus(AGGREGATION_WINDOW));

        Event event;
        if (repeat) {
            event = Serialization.copy(last);
            event.setCount(last.getCount() + 1);
            if (occurrence.time().isAfter(last.getLastTimestamp())) {
                event.setLastTimestamp(occurrence.time());
            }
        } else {
            event = newEvent(occurrence, key);
        }
        recent.put(key, event);
        return new EventWrite(key, event, !repeat);
    }

    /** Forgets the event of {@code correlationKey}, so its next occurrence creates a new one. */
    void forget(String correlationKey) {
        recent.remove(correlationKey);
    }

    private static Event newEvent(Occurrence occurrence, String key) {
        ObjectReference involved = occurrence.involvedObject();
        Event event = new Event(Event.namespaceFor(involved), eventName(involved.getName(), key, occurrence.time()));
        ObjectMeta metadata = event.getMetadata();
        // The store sink writes the object as it is, so the event carries its own uid and creation time.
        metadata.setUid(UUID.randomUUID().toString());
        metadata.setCreationTimestamp(occurrence.time());
        event.setInvolvedObject(involved);
        event.setType(occurrence.type());
        event.setReason(occurrence.reason());
        event.setMessage(occurrence.message());
        event.setSource(occurrence.source());
        event.setCount(1);
        event.setFirstTimestamp(occurrence.time());
        event.setLastTimestamp(occurrence.time());
        return event;
    }

    /**
     * Returns {@code <object name>.<16 hex digits>}, the digits taken from a SHA-256 of the
     * correlation key and the first occurrence time, so a new aggregation window gets a new name.
     */
    static String eventName(String objectName, String correlationKey, Instant firstTime) {
        String prefix = objectName.length() <= MAX_NAME_PREFIX ? objectName : objectName.substring(0, MAX_NAME_PREFIX);
        // A shortened name may end in '-' or '.', which a DNS-1123 label may not end with.
        int end = prefix.length();
        while (end > 0 && !Character.isLetterOrDigit(prefix.charAt(end - 1))) {
            end--;
        }
        return prefix.substring(0, end) + "." + hash(correlationKey + "\n" + firstTime);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** One thing that happened to an object, as a component reported it. */
    record Occurrence(ObjectReference involvedObject, String type, String reason, String message, EventSource source,
                      Instant time) {

        /** Returns the key that repeats of this occurrence share. */
        String correlationKey() {
            String object = involvedObject.getUid() != null ? involvedObject.getUid() : involvedObject.toString();
            return String.join("\u0000", object, type, reason, Objects.toString(message, ""),
                    Objects.toString(source.getComponent(), ""));
        }
    }
}
