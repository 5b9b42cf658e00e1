package io.boss.api.client;

/** A running watch. Closing it stops the watch thread and releases its connection. */
public interface WatchHandle extends AutoCloseable {

    /** Returns the revision of the last event, bookmark or list seen, from which the watch resumes. */
    String resourceVersion();

    /** Returns true until the watch is closed or stopped by an error. */
    boolean isActive();

    /** Stops the watch; the listener's {@code onClose(null)} is called unless an error stopped it first. */
    @Override
    void close();
}
