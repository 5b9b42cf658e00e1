package io.boss.store;

/**
 * One mutation in an atomic batch.
 *
 * <p>{@code expectedRevision} is a compare-and-set precondition on the key's current
 * {@code modRevision}: {@link #ANY_REVISION} skips the check. A create always requires the key to
 * be absent.
 */
public sealed interface Operation {

    /** Expected revision that disables the compare-and-set check. */
    long ANY_REVISION = 0;

    String key();

    /** Creates {@code key}; fails with {@link StoreException.Reason#KEY_EXISTS} if it is present. */
    record Create(String key, byte[] value) implements Operation {
    }

    /** Replaces the value of an existing {@code key}; fails if it is absent or its revision differs. */
    record Update(String key, byte[] value, long expectedRevision) implements Operation {
    }

    /** Removes an existing {@code key}; fails if it is absent or its revision differs. */
    record Delete(String key, long expectedRevision) implements Operation {
    }
}
