package io.boss.store.ratis;

import io.boss.store.StoreException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.StateMachineException;

/** Maps every failure of a Ratis request to the {@link StoreException} reason callers act on. */
final class RatisFailures {

    private RatisFailures() {
    }

    /**
     * Classifies {@code failure} of {@code action} on {@code replicaId}: a timeout or any Raft
     * failure to reach or keep a leader means no quorum, a closed client means the store is
     * closed if {@code storeClosed}, and a state machine error is internal.
     */
    static StoreException classify(Throwable failure, String action, String replicaId, long timeoutMillis, boolean storeClosed) {
        Throwable cause = unwrap(failure);
        if (cause instanceof StoreException store) {
            return store;
        }
        if (cause instanceof TimeoutException) {
            return new StoreException(StoreException.Reason.NO_QUORUM, null,
                    action + " on replica " + replicaId + " did not complete within " + timeoutMillis
                            + " ms: the group has no leader with a reachable majority. A write may still commit later; read before retrying");
        }
        // Ratis also closes a client that ran out of retries while no leader replied. The store
        // replaces that client, and the caller saw a group without quorum, not a closed store.
        if (cause instanceof AlreadyClosedException && storeClosed) {
            return new StoreException(StoreException.Reason.CLOSED, null, "the store on replica " + replicaId + " is closed", cause);
        }
        if (cause instanceof StateMachineException) {
            return new StoreException(StoreException.Reason.INTERNAL, null,
                    action + " on replica " + replicaId + " was rejected by the state machine: " + cause.getMessage(), cause);
        }
        return new StoreException(StoreException.Reason.NO_QUORUM, null,
                action + " on replica " + replicaId + " failed: " + cause, cause);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
