package io.boss.store;

/** Handle of a running watch. Closing it is idempotent. */
public interface Watch extends AutoCloseable {

    /** Revision of the last event delivered to the listener, or the start revision minus one. */
    long lastDeliveredRevision();

    @Override
    void close();
}
