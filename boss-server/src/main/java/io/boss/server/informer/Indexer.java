package io.boss.server.informer;

import io.boss.api.model.Resource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * Thread-safe local cache of objects of one kind, keyed by {@link Resource#key()} ({@code ns/name},
 * or the name of a cluster-scoped object), with named secondary indexes.
 *
 * <p>An index function maps an object to zero or more index values; {@link #byIndex} returns
 * every object with a given value. The standard functions are in {@link Indexers}. Indexes must be
 * added before the first object, because existing objects are not re-indexed.
 *
 * <p>Objects are shared, not copied: callers must treat what they read as immutable and copy
 * before they change anything.
 */
public final class Indexer<T extends Resource> {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, T> items = new HashMap<>();
    private final Map<String, Function<T, Collection<String>>> indexFunctions = new LinkedHashMap<>();
    private final Map<String, Map<String, Set<String>>> indexes = new HashMap<>();

    /**
     * Adds a named index.
     *
     * @throws IllegalStateException when the name is taken or the cache already holds objects
     */
    public Indexer<T> addIndex(String name, Function<T, Collection<String>> function) {
        lock.writeLock().lock();
        try {
            if (indexFunctions.containsKey(name)) {
                throw new IllegalStateException("index " + name + " already exists");
            }
            if (!items.isEmpty()) {
                throw new IllegalStateException("add index " + name + " before the cache holds objects");
            }
            indexFunctions.put(name, function);
            indexes.put(name, new HashMap<>());
            return this;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Adds or replaces an object and returns the one it replaced, if any. */
    public Optional<T> put(T object) {
        String key = object.key();
        lock.writeLock().lock();
        try {
            T previous = items.put(key, object);
            if (previous != null) {
                unindex(key, previous);
            }
            index(key, object);
            return Optional.ofNullable(previous);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes the object with {@code key} and returns it, if it was present. */
    public Optional<T> remove(String key) {
        lock.writeLock().lock();
        try {
            T previous = items.remove(key);
            if (previous != null) {
                unindex(key, previous);
            }
            return Optional.ofNullable(previous);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public Optional<T> get(String key) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(items.get(key));
        } finally {
            lock.readLock().unlock();
        }
    }

    public List<T> list() {
        lock.readLock().lock();
        try {
            return new ArrayList<>(items.values());
        } finally {
            lock.readLock().unlock();
        }
    }

    public List<String> keys() {
        lock.readLock().lock();
        try {
            return new ArrayList<>(items.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    public int size() {
        lock.readLock().lock();
        try {
            return items.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Returns every object whose index {@code indexName} contains {@code value}.
     *
     * @throws IllegalArgumentException when no such index exists
     */
    public List<T> byIndex(String indexName, String value) {
        lock.readLock().lock();
        try {
            Map<String, Set<String>> index = indexes.get(indexName);
            if (index == null) {
                throw new IllegalArgumentException("no index named " + indexName + "; known: " + indexes.keySet());
            }
            Set<String> keys = index.getOrDefault(value, Set.of());
            List<T> result = new ArrayList<>(keys.size());
            for (String key : keys) {
                result.add(items.get(key));
            }
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    private void index(String key, T object) {
        for (var entry : indexFunctions.entrySet()) {
            Map<String, Set<String>> index = indexes.get(entry.getKey());
            for (String value : entry.getValue().apply(object)) {
                index.computeIfAbsent(value, unused -> new HashSet<>()).add(key);
            }
        }
    }

    private void unindex(String key, T object) {
        for (var entry : indexFunctions.entrySet()) {
            Map<String, Set<String>> index = indexes.get(entry.getKey());
            for (String value : entry.getValue().apply(object)) {
                Set<String> keys = index.get(value);
                if (keys != null) {
                    keys.remove(key);
                    if (keys.isEmpty()) {
                        index.remove(value);
                    }
                }
            }
        }
    }
}
