package io.boss.store.ratis;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RaftClient} that is replaced by a new one once Ratis has given it up. When an ordered
 * async request runs out of retries (no leader for longer than the retry policy allows), Ratis
 * fails that request and closes the client's sliding window for good, so every later request on
 * the same client fails with {@link AlreadyClosedException}. Without a new client the replica
 * would reject writes and linearizable reads until it restarts. Thread-safe.
 */
final class RecreatingClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecreatingClient.class);

    private final String name;
    private final Supplier<RaftClient> factory;
    private final AtomicReference<RaftClient> current;
    private volatile boolean closed;

    RecreatingClient(String name, Supplier<RaftClient> factory) {
        this.name = name;
        this.factory = factory;
        this.current = new AtomicReference<>(factory.get());
    }

    /** Sends one request with the current client; a failure that ends the client replaces it. */
    <T> CompletableFuture<T> send(Function<RaftClient, CompletableFuture<T>> request) {
        RaftClient client = current.get();
        return request.apply(client).whenComplete((reply, failure) -> {
            if (failure != null && endsClient(failure)) {
                replace(client, failure);
            }
        });
    }

    @Override
    public void close() throws IOException {
        closed = true;
        current.get().close();
    }

    private void replace(RaftClient failed, Throwable failure) {
        if (closed) {
            return;
        }
        RaftClient fresh = factory.get();
        if (!current.compareAndSet(failed, fresh)) {
            closeQuietly(fresh);
            return;
        }
        LOG.warn("{} {} gave up ({}); replaced it with {}", name, failed.getId(), unwrap(failure).toString(), fresh.getId());
        closeQuietly(failed);
        if (closed) {
            closeQuietly(fresh);
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
}
