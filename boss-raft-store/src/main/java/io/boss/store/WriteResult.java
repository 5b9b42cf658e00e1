package io.boss.store;

import java.util.List;

/**
 * Outcome of an applied batch: the revision it was applied at and, per operation in order, the
 * entry as it stands after the batch (for a delete, the entry as it was just before).
 */
public record WriteResult(long revision, List<KeyValue> entries) {

    public WriteResult {
        entries = List.copyOf(entries);
    }
}
