package io.boss.store;

/**
 * One change seen by a watcher, in revision order.
 *
 * <p>For {@link Type#PUT}, {@code entry} is the new entry and {@code previous} the one it replaced
 * (null on create). For {@link Type#DELETE}, {@code entry} is the removed entry with
 * {@code modRevision} set to the deleting revision, and {@code previous} is the entry as it was.
 */
public record WatchEvent(Type type, long revision, KeyValue entry, KeyValue previous) {

    public enum Type { PUT, DELETE }

    /** Returns true when the key did not exist before this event. */
    public boolean isCreate() {
        return type == Type.PUT && previous == null;
    }
}
