package io.boss.api.events;

import io.boss.api.events.EventCorrelator.Occurrence;
import io.boss.api.model.EventSource;
import io.boss.api.model.ObjectReference;
import io.boss.api.validation.FieldError;
import io.boss.api.validation.ResourceValidator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the events of one or more {@link EventRecorder}s to an {@link EventSink}, in the
 * background, as the Kubernetes client's event broadcaster does.
 *
 * <p>Recorders put occurrences into a bounded queue and return at once. When the queue is full the
 * occurrence is dropped and counted ({@link #droppedCount()}). One writer thread takes up to
 * {@link #MAX_BATCH} occurrences at a time, aggregates repeats through an {@link EventCorrelator},
 * and hands them to the sink in one call, so a burst of events costs few store commits. A write
 * that fails is logged at DEBUG and dropped, never retried.
 *
 * <p>Thread safety: recorders may be used from any thread; {@link #close} may be called once from
 * any thread.
 */
public final class EventBroadcaster implements AutoCloseable {

    /** Default number of occurrences that may wait for the writer before new ones are dropped. */
    public static final int DEFAULT_QUEUE_CAPACITY = 2000;
    /** Maximum occurrences written in one call to the sink. */
    static final int MAX_BATCH = 100;
    /** Number of recent events the correlator remembers for aggregation. */
    static final int CORRELATOR_ENTRIES = 4096;
    private static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_MESSAGE_LENGTH = 1024;
    private static final String ELLIPSIS = "...";

    private static final Logger LOG = LoggerFactory.getLogger(EventBroadcaster.class);

    private final String name;
    private final EventSink sink;
    private final Clock clock;
    private final BlockingQueue<Occurrence> queue;
    private final EventCorrelator correlator = new EventCorrelator(CORRELATOR_ENTRIES);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    private EventBroadcaster(String name, EventSink sink, Clock clock, int queueCapacity) {
        this.name = name;
        this.sink = sink;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.writer = new Thread(this::writeUntilClosed, "event-writer-" + name);
        this.writer.setDaemon(true);
    }

    /**
     * Starts a broadcaster and its writer thread.
     *
     * @param name names the writer thread and the log lines, such as {@code controller-manager}
     * @param queueCapacity occurrences that may wait for the writer before new ones are dropped
     */
    public static EventBroadcaster start(String name, EventSink sink, Clock clock, int queueCapacity) {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1, got " + queueCapacity);
        }
        EventBroadcaster broadcaster = new EventBroadcaster(name, sink, clock, queueCapacity);
        broadcaster.writer.start();
        return broadcaster;
    }

    /** Returns a recorder whose events name {@code source} as their reporter. */
    public EventRecorder newRecorder(EventSource source) {
        return (involvedObject, type, reason, message) -> enqueue(new Occurrence(ObjectReference.of(involvedObject),
                type, reason, shorten(message), source, clock.instant()));
    }

    /** Returns how many occurrences were dropped because the queue was full or the broadcaster closed. */
    public long droppedCount() {
        return dropped.get();
    }

    /** Returns how many event writes the sink completed. */
    public long writtenCount() {
        return written.get();
    }

    /** Stops accepting events, gives the writer up to two seconds to write what is queued, then stops it. */
    @Override
    public void close() {
        close(DEFAULT_FLUSH_TIMEOUT);
    }

    /** Stops accepting events, gives the writer up to {@code flushTimeout} to write what is queued, then stops it. */
    public void close(Duration flushTimeout) {
        closed = true;
        try {
            writer.join(flushTimeout.toMillis());
            if (writer.isAlive()) {
                writer.interrupt();
                writer.join(flushTimeout.toMillis());
            }
        } catch (InterruptedException e) {
            writer.interrupt();
            Thread.currentThread().interrupt();
        }
        int left = queue.size();
        if (left > 0) {
            dropped.addAndGet(left);
            queue.clear();
        }
        LOG.debug("event broadcaster {} closed: written={} dropped={}", name, written.get(), dropped.get());
    }

    private void enqueue(Occurrence occurrence) {
        if (closed || !queue.offer(occurrence)) {
            long count = dropped.incrementAndGet();
            LOG.debug("event dropped broadcaster={} object={} reason={} droppedTotal={}: {}", name,
                    occurrence.involvedObject(), occurrence.reason(), count, closed ? "closed" : "queue full");
        }
    }

    private void writeUntilClosed() {
        List<Occurrence> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                Occurrence first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                writeBatch(batch);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.debug("event writer {} failed on a batch of {} events; dropping them", name, batch.size(), e);
            } finally {
                batch.clear();
            }
        }
    }

    private void writeBatch(List<Occurrence> batch) {
        // Repeats within one batch collapse into one write per event, a create if the first one was.
        Map<String, EventWrite> writes = new LinkedHashMap<>();
        for (Occurrence occurrence : batch) {
            EventWrite write = correlator.observe(occurrence);
            String eventName = write.event().getMetadata().getName();
            EventWrite earlier = writes.get(eventName);
            boolean create = write.create() || earlier != null && earlier.create();
            writes.put(eventName, new EventWrite(write.correlationKey(), write.event(), create));
        }

        List<EventWrite> valid = new ArrayList<>(writes.size());
        for (EventWrite write : writes.values()) {
            List<FieldError> errors = ResourceValidator.validate(write.event());
            if (errors.isEmpty()) {
                valid.add(write);
            } else {
                correlator.forget(write.correlationKey());
                dropped.incrementAndGet();
                LOG.debug("invalid event dropped broadcaster={} event={}: {}", name, write.event().key(), errors);
            }
        }
        if (valid.isEmpty()) {
            return;
        }

        List<EventSink.Failure> failures = sink.writeAll(valid);
        for (EventSink.Failure failure : failures) {
            correlator.forget(failure.write().correlationKey());
            LOG.debug("event write failed broadcaster={} event={} create={}: {}", name,
                    failure.write().event().key(), failure.write().create(), failure.error().toString());
        }
        dropped.addAndGet(failures.size());
        written.addAndGet(valid.size() - failures.size());
    }

    private static String shorten(String message) {
        if (message == null || message.length() <= MAX_MESSAGE_LENGTH) {
            return message;
        }
        return message.substring(0, MAX_MESSAGE_LENGTH - ELLIPSIS.length()) + ELLIPSIS;
    }
}
