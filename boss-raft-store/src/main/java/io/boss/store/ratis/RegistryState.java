package io.boss.store.ratis;

import io.boss.store.KeyValue;
import io.boss.store.Operation;
import io.boss.store.StoreException;
import io.boss.store.WatchEvent;
import io.boss.store.WriteResult;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registry's replicated data: a sorted key map and the cluster-wide revision.
 *
 * <p>Not thread-safe: {@link RegistryStateMachine} guards it with its read-write lock. Applying a
 * batch is deterministic, because the outcome depends only on this state and the batch.
 */
final class RegistryState {

    private static final int SNAPSHOT_FORMAT_VERSION = 1;

    private final TreeMap<String, KeyValue> entries = new TreeMap<>();
    private long revision;

    /** Outcome of one batch: the result and its watch events, or the failed precondition. */
    record BatchOutcome(WriteResult result, List<WatchEvent> events, StoreException failure) {
    }

    long revision() {
        return revision;
    }

    int size() {
        return entries.size();
    }

    KeyValue get(String key) {
        return entries.get(key);
    }

    List<KeyValue> list(String prefix) {
        List<KeyValue> matches = new ArrayList<>();
        for (Map.Entry<String, KeyValue> entry : entries.tailMap(prefix, true).entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                break;
            }
            matches.add(entry.getValue());
        }
        return matches;
    }

    /**
     * Applies {@code operations} at the next revision if every precondition holds; otherwise
     * changes nothing and returns the first failed precondition. Keys in a batch are distinct
     * (checked before the batch enters the log), so every check reads the state before the batch.
     */
    BatchOutcome apply(List<Operation> operations) {
        StoreException failure = checkPreconditions(operations);
        if (failure != null) {
            return new BatchOutcome(null, List.of(), failure);
        }

        long next = revision + 1;
        List<KeyValue> results = new ArrayList<>(operations.size());
        List<WatchEvent> events = new ArrayList<>(operations.size());
        for (Operation operation : operations) {
            KeyValue previous = entries.get(operation.key());
            if (operation instanceof Operation.Delete) {
                entries.remove(operation.key());
                KeyValue removed = new KeyValue(previous.key(), previous.value(), previous.createRevision(), next);
                results.add(previous);
                events.add(new WatchEvent(WatchEvent.Type.DELETE, next, removed, previous));
            } else {
                long createRevision = previous == null ? next : previous.createRevision();
                KeyValue stored = new KeyValue(operation.key(), valueOf(operation), createRevision, next);
                entries.put(stored.key(), stored);
                results.add(stored);
                events.add(new WatchEvent(WatchEvent.Type.PUT, next, stored, previous));
            }
        }
        revision = next;
        return new BatchOutcome(new WriteResult(next, results), events, null);
    }

    void writeTo(DataOutputStream out) throws IOException {
        out.writeInt(SNAPSHOT_FORMAT_VERSION);
        out.writeLong(revision);
        out.writeInt(entries.size());
        for (KeyValue entry : entries.values()) {
            CommandCodec.writeKeyValue(out, entry);
        }
    }

    /** Replaces this state with the one in a snapshot written by {@link #writeTo}. */
    void readFrom(DataInputStream in) throws IOException {
        int version = in.readInt();
        if (version != SNAPSHOT_FORMAT_VERSION) {
            throw new IOException("unsupported snapshot format version " + version + ", expected " + SNAPSHOT_FORMAT_VERSION);
        }
        entries.clear();
        revision = in.readLong();
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            KeyValue entry = CommandCodec.readKeyValue(in);
            entries.put(entry.key(), entry);
        }
    }

    private StoreException checkPreconditions(List<Operation> operations) {
        for (Operation operation : operations) {
            String key = operation.key();
            KeyValue current = entries.get(key);
            if (operation instanceof Operation.Create) {
                if (current != null) {
                    return new StoreException(StoreException.Reason.KEY_EXISTS, key,
                            "key " + key + " already exists at revision " + current.modRevision());
                }
                continue;
            }
            if (current == null) {
                return new StoreException(StoreException.Reason.KEY_NOT_FOUND, key, "key " + key + " not found");
            }
            long expected = expectedRevision(operation);
            if (expected != Operation.ANY_REVISION && expected != current.modRevision()) {
                return new StoreException(StoreException.Reason.REVISION_MISMATCH, key,
                        "key " + key + " is at revision " + current.modRevision() + ", expected " + expected
                                + ": read it again and retry");
            }
        }
        return null;
    }

    private static long expectedRevision(Operation operation) {
        if (operation instanceof Operation.Update update) {
            return update.expectedRevision();
        }
        return ((Operation.Delete) operation).expectedRevision();
    }

    private static byte[] valueOf(Operation operation) {
        if (operation instanceof Operation.Create create) {
            return create.value();
        }
        return ((Operation.Update) operation).value();
    }
}
