package io.boss.server.informer;

import io.boss.api.model.Resource;

import java.util.List;

/** Every object of one kind read at {@code revision}; a watch from {@code revision + 1} misses nothing. */
public record Listing<T extends Resource>(long revision, List<T> items) {

    public Listing {
        items = List.copyOf(items);
    }
}
