package io.boss.store.ratis;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RaftClient} that is replaced by a new one once it stops making progress. Thread-safe.
 *
 * <p>Two cases end a client. When an ordered async request runs out of retries (no leader for
 * longer than the retry policy allows), Ratis fails that request and closes the client's sliding
 * window for good, so every later request on the same client fails with
 * {@link AlreadyClosedException}. And a request may stay outstanding without ever failing, for
 * example one sent over a connection that a partition cut: the server handles a client's requests
 * in sequence order, so every later request of that client waits behind it. A client whose oldest
 * request has been outstanding for longer than {@code stuckAfter} is therefore replaced on the
 * next send. Without a new client the replica would reject writes and linearizable reads until it
 * restarts, while the other replicas of a healthy group commit.
 */
final class RecreatingClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecreatingClient.class);

    private final String name;
    private final Supplier<RaftClient> factory;
    private final long stuckAfterNanos;
    private final LongSupplier nanoClock;
    private final AtomicReference<Generation> current;
    private volatile boolean closed;

    RecreatingClient(String name, Supplier<RaftClient> factory, Duration stuckAfter) {
        this(name, factory, stuckAfter, System::nanoTime);
    }

    RecreatingClient(String name, Supplier<RaftClient> factory, Duration stuckAfter, LongSupplier nanoClock) {
        this.name = name;
        this.factory = factory;
        this.stuckAfterNanos = stuckAfter.toNanos();
        this.nanoClock = nanoClock;
        this.current = new AtomicReference<>(new Generation(factory.get()));
    }

    /** Sends one request with the current client; a failure that ends the client, or a stuck request, replaces it. */
    <T> CompletableFuture<T> send(Function<RaftClient, CompletableFuture<T>> request) {
        Generation generation = current.get();
        long stuckNanos = generation.oldestOutstandingNanos(nanoClock.getAsLong());
        if (stuckNanos > stuckAfterNanos) {
            replace(generation, "a request outstanding for " + Duration.ofNanos(stuckNanos).toMillis() + " ms");
            generation = current.get();
        }

        Generation sending = generation;
        long ticket = sending.started(nanoClock.getAsLong());
        return request.apply(sending.client).whenComplete((reply, failure) -> {
            sending.finished(ticket);
            if (failure != null && endsClient(failure)) {
                replace(sending, unwrap(failure).toString());
            }
        });
    }

    /** Returns the id of the client in use, which changes when the client is replaced. */
    String currentClientId() {
        return current.get().client.getId().toString();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        current.get().client.close();
    }

    private void replace(Generation failed, String reason) {
        if (closed) {
            return;
        }
        Generation fresh = new Generation(factory.get());
        if (!current.compareAndSet(failed, fresh)) {
            closeQuietly(fresh.client);
            return;
        }
        LOG.warn("{} {} gave up ({}); replaced it with {}", name, failed.client.getId(), reason, fresh.client.getId());
        closeQuietly(failed.client);
        if (closed) {
            closeQuietly(fresh.client);
        }
    }

    private static boolean endsClient(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause instanceof RaftRetryFailureException || cause instanceof AlreadyClosedException;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private void closeQuietly(RaftClient client) {
        try {
            client.close();
        } catch (IOException e) {
            LOG.debug("closing {} {} failed: {}", name, client.getId(), e.toString());
        }
    }

    /** One client and the start times of its outstanding requests, by ticket in sending order. */
    private static final class Generation {

        private final RaftClient client;
        private final AtomicLong tickets = new AtomicLong();
        private final ConcurrentSkipListMap<Long, Long> outstanding = new ConcurrentSkipListMap<>();

        Generation(RaftClient client) {
            this.client = client;
        }

        long started(long nowNanos) {
            long ticket = tickets.incrementAndGet();
            outstanding.put(ticket, nowNanos);
            return ticket;
        }

        void finished(long ticket) {
            outstanding.remove(ticket);
        }

        /** Returns how long the oldest outstanding request has waited, or 0 when none is outstanding. */
        long oldestOutstandingNanos(long nowNanos) {
            Map.Entry<Long, Long> oldest = outstanding.firstEntry();
            return oldest == null ? 0 : nowNanos - oldest.getValue();
        }
    }
}
