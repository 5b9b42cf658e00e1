package io.boss.cli.testing;

import io.boss.api.ResourceKind;
import io.boss.api.client.WatchListener;
import io.boss.api.error.ApiError;
import io.boss.api.error.BossApiException;
import io.boss.api.json.Serialization;
import io.boss.api.model.ClusterView;
import io.boss.api.model.ObjectList;
import io.boss.api.model.Resource;
import io.boss.cli.client.ClusterApi;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A store with the API's create, compare-and-set update and delete rules, for unit tests of the
 * command logic that do not need a server. Selectors, watches and logs are not supported; the
 * end-to-end tests cover those against a real server.
 */
public final class InMemoryClusterApi implements ClusterApi {

    private final Map<String, Resource> objects = new TreeMap<>();
    private long revision;
    private int updates;
    private int conflictsToInject;

    /** Makes the next {@code count} updates fail with Conflict, as a concurrent writer would cause. */
    public synchronized void injectConflicts(int count) {
        conflictsToInject = count;
    }

    /** Returns how many updates were stored. */
    public synchronized int updates() {
        return updates;
    }

    /** Stores an object as if another client created it. */
    public synchronized Resource put(Resource object) {
        return create(object);
    }

    @Override
    public List<String> endpoints() {
        return List.of("memory");
    }

    @Override
    public synchronized Optional<Resource> get(ResourceKind kind, String namespace, String name) {
        return Optional.ofNullable(objects.get(key(kind, namespace, name))).map(Serialization::copy);
    }

    @Override
    public synchronized ObjectList<Resource> list(ResourceKind kind, String namespace, String labelSelector, String fieldSelector) {
        if (labelSelector != null || fieldSelector != null) {
            throw new UnsupportedOperationException("selectors are tested against the real server");
        }
        List<Resource> items = new ArrayList<>();
        for (Resource object : objects.values()) {
            boolean sameNamespace = namespace == null || namespace.equals(object.getMetadata().getNamespace());
            if (object.resourceKind() == kind && sameNamespace) {
                items.add(Serialization.copy(object));
            }
        }
        return new ObjectList<>(kind, items, String.valueOf(revision));
    }

    @Override
    public synchronized Resource create(Resource object) {
        String key = key(object);
        if (objects.containsKey(key)) {
            throw new BossApiException(ApiError.alreadyExists(object.resourceKind().plural() + " \"" + object.getMetadata().getName() + "\" already exists"));
        }
        Resource stored = Serialization.copy(object);
        stored.getMetadata().setResourceVersion(String.valueOf(++revision));
        stored.getMetadata().setUid("uid-" + revision);
        stored.getMetadata().setGeneration(1);
        stored.getMetadata().setCreationTimestamp(Instant.parse("2026-01-10T12:00:00Z"));
        objects.put(key, stored);
        return Serialization.copy(stored);
    }

    @Override
    public synchronized Resource update(Resource object) {
        String key = key(object);
        Resource current = objects.get(key);
        if (current == null) {
            throw new BossApiException(ApiError.notFound(object.resourceKind().plural() + " \"" + object.getMetadata().getName() + "\" not found"));
        }
        String expected = object.getMetadata().getResourceVersion();
        if (conflictsToInject > 0 || (expected != null && !expected.equals(current.getMetadata().getResourceVersion()))) {
            conflictsToInject = Math.max(0, conflictsToInject - 1);
            current.getMetadata().setResourceVersion(String.valueOf(++revision));
            throw new BossApiException(ApiError.conflict("resourceVersion " + expected + " is stale"));
        }
        Resource stored = Serialization.copy(object);
        stored.getMetadata().setResourceVersion(String.valueOf(++revision));
        stored.getMetadata().setGeneration(current.getMetadata().getGeneration() + 1);
        objects.put(key, stored);
        updates++;
        return Serialization.copy(stored);
    }

    @Override
    public synchronized Resource delete(ResourceKind kind, String namespace, String name) {
        Resource removed = objects.remove(key(kind, namespace, name));
        if (removed == null) {
            throw new BossApiException(ApiError.notFound(kind.plural() + " \"" + name + "\" not found"));
        }
        return removed;
    }

    @Override
    public AutoCloseable watch(ResourceKind kind, String namespace, String labelSelector, String fieldSelector,
            String resourceVersion, WatchListener<Resource> listener) {
        throw new UnsupportedOperationException("watches are tested against the real server");
    }

    @Override
    public ClusterView cluster() {
        throw new UnsupportedOperationException("the cluster view is tested against the real server");
    }

    @Override
    public InputStream podLogs(String namespace, String name, boolean follow, Integer tailLines) {
        throw new UnsupportedOperationException("logs are tested against the real server");
    }

    @Override
    public void close() {
    }

    private static String key(Resource object) {
        return key(object.resourceKind(), object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    private static String key(ResourceKind kind, String namespace, String name) {
        return kind.plural() + "/" + (kind.namespaced() ? namespace : "") + "/" + name;
    }
}
