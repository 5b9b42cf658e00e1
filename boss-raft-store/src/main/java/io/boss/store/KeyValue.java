package io.boss.store;

import java.util.Arrays;

/**
 * One stored entry: an opaque value under a key, with the revisions that created and last changed it.
 *
 * <p>Revisions are cluster-wide and etcd-style: every applied mutation increments the one
 * revision counter, so {@code modRevision} is also the {@code resourceVersion} of the object.
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision) {

    public KeyValue {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyValue kv
                && key.equals(kv.key)
                && Arrays.equals(value, kv.value)
                && createRevision == kv.createRevision
                && modRevision == kv.modRevision;
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Long.hashCode(modRevision);
    }

    @Override
    public String toString() {
        return "KeyValue[key=" + key + ", modRevision=" + modRevision + ", bytes=" + value.length + "]";
    }
}
