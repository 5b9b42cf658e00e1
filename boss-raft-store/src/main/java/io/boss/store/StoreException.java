package io.boss.store;

/**
 * Failure of a store operation with a stable reason the API layer maps to its error codes.
 * A failed write changed nothing.
 */
public class StoreException extends RuntimeException {

    public enum Reason {
        /** A create found the key present. */
        KEY_EXISTS,
        /** An update or delete found no such key. */
        KEY_NOT_FOUND,
        /** A compare-and-set precondition failed: the key's revision differs from the expected one. */
        REVISION_MISMATCH,
        /** The requested revision is older than the retained history. */
        EXPIRED,
        /** The group could not commit or confirm leadership within the request timeout. */
        NO_QUORUM,
        /** A read waited for a minimum revision that was not applied in time. */
        TIMEOUT,
        /** The request was malformed (empty batch, duplicate key in a batch, invalid key). */
        INVALID,
        /** The store is shut down. */
        CLOSED,
        /** An unexpected failure; the message says what. */
        INTERNAL
    }

    private final Reason reason;
    private final String key;

    public StoreException(Reason reason, String key, String message) {
        super(message);
        this.reason = reason;
        this.key = key;
    }

    public StoreException(Reason reason, String key, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.key = key;
    }

    public Reason reason() {
        return reason;
    }

    /** The key the failure concerns, or null when it concerns no single key. */
    public String key() {
        return key;
    }
}
