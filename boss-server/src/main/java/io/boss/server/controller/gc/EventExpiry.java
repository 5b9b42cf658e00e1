package io.boss.server.controller.gc;

import io.boss.api.model.Event;
import io.boss.server.controller.ControllerStore;
import io.boss.server.events.StoreEventSink;
import io.boss.store.Operation;
import io.boss.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes events whose last occurrence is older than a TTL. This is also how events about deleted
 * objects go away: nothing deletes them with their object, so they live out their TTL.
 *
 * <p>Each sweep reads every event from the store and deletes the expired ones in batches, each
 * delete compare-and-set on the revision it read, so an event updated meanwhile by a recorder is
 * kept. Runs on the garbage collector's sweep thread only.
 */
final class EventExpiry {

    private static final Logger LOG = LoggerFactory.getLogger(EventExpiry.class);
    private static final int MAX_DELETES_PER_BATCH = 100;

    private final ControllerStore store;
    private final Duration ttl;
    private final long term;

    EventExpiry(ControllerStore store, Duration ttl, long term) {
        this.store = store;
        this.ttl = ttl;
        this.term = term;
    }

    /** Returns how often to sweep: a quarter of the TTL, at least 100 ms and at most a minute. */
    static Duration sweepInterval(Duration ttl) {
        Duration quarter = ttl.dividedBy(4);
        if (quarter.compareTo(Duration.ofMillis(100)) < 0) {
            return Duration.ofMillis(100);
        }
        return quarter.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : quarter;
    }

    /** Deletes every expired event once and returns how many it deleted. */
    int sweep() throws InterruptedException {
        Instant cutoff = store.clock().instant().minus(ttl);
        List<Event> expired = new ArrayList<>();
        for (Event event : store.list(StoreEventSink.EVENTS, null)) {
            if (lastSeen(event).isBefore(cutoff)) {
                expired.add(event);
            }
        }

        int deleted = 0;
        for (int start = 0; start < expired.size(); start += MAX_DELETES_PER_BATCH) {
            List<Event> batch = expired.subList(start, Math.min(expired.size(), start + MAX_DELETES_PER_BATCH));
            deleted += delete(batch);
        }
        if (deleted > 0) {
            LOG.info("garbage collected {} events older than {} term={}", deleted, ttl, term);
        }
        return deleted;
    }

    private int delete(List<Event> batch) throws InterruptedException {
        List<Operation> operations = new ArrayList<>(batch.size());
        for (Event event : batch) {
            operations.add(store.delete(StoreEventSink.EVENTS, event));
        }
        try {
            store.commit(operations);
            return batch.size();
        } catch (StoreException e) {
            if (!ControllerStore.isLostRace(e)) {
                throw e;
            }
        }

        // One event changed or vanished since it was read; delete the others one at a time.
        int deleted = 0;
        for (Operation operation : operations) {
            try {
                store.commit(List.of(operation));
                deleted++;
            } catch (StoreException e) {
                if (!ControllerStore.isLostRace(e)) {
                    throw e;
                }
                LOG.debug("kept event {}: it changed since it was read ({})", operation.key(), e.reason());
            }
        }
        return deleted;
    }

    private static Instant lastSeen(Event event) {
        if (event.getLastTimestamp() != null) {
            return event.getLastTimestamp();
        }
        if (event.getFirstTimestamp() != null) {
            return event.getFirstTimestamp();
        }
        Instant created = event.getMetadata().getCreationTimestamp();
        return created != null ? created : Instant.EPOCH;
    }
}
