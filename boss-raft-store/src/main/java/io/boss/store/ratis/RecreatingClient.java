package io.boss.store.ratis;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
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
 * in sequence order, so every later request of that client waits behind it, and the store's
 * proposal batcher, which keeps one proposal per client in flight, never sends on it again. A
 * request without a reply after {@code stuckAfter} therefore fails with a
 * {@link TimeoutException} and its client is replaced. Without a new client the replica would
 * reject writes and linearizable reads until it restarts, while the other replicas of a healthy
 * group commit.
 *
 * <p>A replaced client is closed on a thread of its own. The failure that ends a client is often
 * delivered on that client's Netty event loop, and closing a Ratis client waits for its
 * connections to close on that same event loop. Closed in the callback, it never finished in
 * testing, so the failed request never completed and the proposal batcher lost that sender.
 */
final class RecreatingClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecreatingClient.class);

    private final String name;
    private final Supplier<RaftClient> factory;
    private final Duration stuckAfter;
    private final AtomicReference<RaftClient> current;
    private volatile boolean closed;

    RecreatingClient(String name, Supplier<RaftClient> factory, Duration stuckAfter) {
        this.name = name;
        this.factory = factory;
        this.stuckAfter = stuckAfter;
        this.current = new AtomicReference<>();
    }

    /**
     * Sends one request with the current client. A failure that ends the client replaces it, and so
     * does a request without a reply after {@code stuckAfter}, which then fails with a
     * {@link TimeoutException}.
     */
    <T> CompletableFuture<T> send(Function<RaftClient, CompletableFuture<T>> request) {
        RaftClient client = currentOrNew();

        CompletableFuture<T> reply = request.apply(client).copy()
                .orTimeout(stuckAfter.toMillis(), TimeUnit.MILLISECONDS);
        return reply.whenComplete((value, failure) -> {
            if (failure == null) {
                return;
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof TimeoutException) {
                replace(client, "no reply within " + stuckAfter.toMillis() + " ms");
            } else if (cause instanceof RaftRetryFailureException || cause instanceof AlreadyClosedException) {
                replace(client, cause.toString());
            }
        });
    }

    /** Returns the id of the client in use, which changes when the client is replaced. */
    String currentClientId() {
        return currentOrNew().getId().toString();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        RaftClient client = current.get();
        if (client != null) {
            client.close();
        }
    }

    /**
     * Returns the client in use, creating it on first use. By then the replica has usually seen an
     * election, so the factory can point the client at the leader instead of at a guessed peer.
     */
    private RaftClient currentOrNew() {
        RaftClient client = current.get();
        if (client != null) {
            return client;
        }
        RaftClient fresh = factory.get();
        if (current.compareAndSet(null, fresh)) {
            return fresh;
        }
        closeInBackground(fresh);
        return current.get();
    }

    private void replace(RaftClient failed, String reason) {
        if (closed) {
            return;
        }
        RaftClient fresh = factory.get();
        if (!current.compareAndSet(failed, fresh)) {
            closeInBackground(fresh);
            return;
        }
        LOG.warn("{} {} gave up ({}); replaced it with {}", name, failed.getId(), reason, fresh.getId());
        closeInBackground(failed);
        if (closed) {
            closeInBackground(fresh);
        }
    }

    private void closeInBackground(RaftClient client) {
        Thread closer = new Thread(() -> closeQuietly(client), "close-" + client.getId());
        closer.setDaemon(true);
        closer.start();
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
}
