package io.boss.store;

import java.util.List;

/**
 * Entries under a prefix, sorted by key, read at {@code revision}: a watch started from that
 * revision misses nothing that happened after the list was read.
 */
public record ListResult(long revision, List<KeyValue> entries) {

    public ListResult {
        entries = List.copyOf(entries);
    }
}
