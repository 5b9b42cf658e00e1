package io.boss.server.registry;

import com.codahale.metrics.Timer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boss.api.ResourceKind;
import io.boss.api.model.Resource;
import io.boss.server.errors.ApiException;
import io.boss.store.KeyValue;
import io.boss.store.ListResult;
import io.boss.store.Operation;
import io.boss.store.ReadConsistency;
import io.boss.store.Registry;
import io.boss.store.StoreException;
import io.boss.store.WriteResult;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Typed create, read, update, delete and list of API objects over the replicated {@link Registry}.
 *
 * <p>Objects are handled as JSON trees checked against their model type, so the same code serves
 * every kind. {@code metadata.resourceVersion} is never taken from stored bytes: it is set from the
 * entry's {@code modRevision} on every read, because the state machine applies a write without
 * knowing the revision it will get. Server-set fields (uid, creationTimestamp) are chosen here, on
 * the replica that proposes the write, so that apply stays deterministic.
 *
 * <p>Thread safety: stateless apart from its collaborators; every method may be called from any
 * request thread. Each call blocks for at most twice the store's request timeout.
 */
public final class ResourceRegistry {

    private final Registry store;
    private final ResourceCodec codec;
    private final ObjectValidator validator;
    private final Clock clock;
    private final Duration requestTimeout;
    private final int maxUpdateAttempts;
    private final Timer commitTimer;

    public ResourceRegistry(Registry store, ResourceCodec codec, ObjectValidator validator, Clock clock,
                            Duration requestTimeout, int maxUpdateAttempts, Timer commitTimer) {
        this.store = store;
        this.codec = codec;
        this.validator = validator;
        this.clock = clock;
        this.requestTimeout = requestTimeout;
        this.maxUpdateAttempts = maxUpdateAttempts;
        this.commitTimer = commitTimer;
    }

    /** Reads one object; throws 404 NotFound when it does not exist. */
    public ObjectNode get(ResourceKind kind, String namespace, String name) {
        KeyValue entry = await(store.get(RegistryKeys.key(kind, namespace, name), ReadConsistency.LINEARIZABLE));
        if (entry == null) {
            throw notFound(kind, namespace, name);
        }
        return toObject(entry);
    }

    /**
     * Lists the objects of {@code kind} in {@code namespace} (all namespaces when null) that
     * match {@code filter}, all read at one revision, as a {@code <Kind>List}.
     */
    public ObjectNode list(ResourceKind kind, String namespace, ObjectFilter filter) {
        ListResult result = await(store.list(RegistryKeys.prefix(kind, namespace), ReadConsistency.LINEARIZABLE));

        ObjectNode list = codec.json().createObjectNode();
        list.put("apiVersion", Resource.API_VERSION);
        list.put("kind", kind.listKind());
        list.putObject("metadata").put("resourceVersion", Long.toString(result.revision()));
        ArrayNode items = list.putArray("items");
        for (KeyValue entry : result.entries()) {
            ObjectNode object = toObject(entry);
            if (filter.matches(object)) {
                items.add(object);
            }
        }
        return list;
    }

    /** Creates an object after defaulting and validating it; returns it as stored. */
    public ObjectNode create(ResourceKind kind, String namespace, ObjectNode body) {
        ObjectNode object = body.deepCopy();
        checkIdentity(kind, namespace, null, object);

        ObjectNode metadata = ObjectMetadata.of(object);
        if (kind.namespaced()) {
            metadata.put("namespace", namespace);
        }
        metadata.put("uid", UUID.randomUUID().toString());
        metadata.put("creationTimestamp", clock.instant().toString());
        metadata.put("generation", 1);
        metadata.remove("resourceVersion");
        metadata.remove("deletionTimestamp");
        ObjectNode stored = validated(kind, object);

        String name = ObjectMetadata.text(stored, "name");
        WriteResult result = commit(new Operation.Create(RegistryKeys.key(kind, namespace, name), codec.encode(stored)));
        return ObjectMetadata.withResourceVersion(stored, result.revision());
    }

    /**
     * Replaces an object. With {@code metadata.resourceVersion} set, the write is a compare-and-set
     * against that revision and a stale one fails with 409 Conflict. Without it, the write is
     * still atomic against the object it was computed from, retried a bounded number of times when
     * concurrent writers win.
     */
    public ObjectNode update(ResourceKind kind, String namespace, String name, ObjectNode body, UpdateMode mode) {
        ObjectNode requested = body.deepCopy();
        checkIdentity(kind, namespace, name, requested);
        long expectedRevision = ObjectMetadata.resourceVersion(requested);
        String key = RegistryKeys.key(kind, namespace, name);

        // Attempt 0 works from this replica's own copy, and its compare-and-set commits only if
        // that copy was current. Every later attempt starts from a linearizable read.
        for (int attempt = 0; ; attempt++) {
            boolean confirmed = attempt > 0;
            KeyValue current = readForWrite(kind, namespace, name, expectedRevision, confirmed);
            if (current == null) {
                continue;
            }

            ObjectNode stored = codec.decodeStored(kind, current.value());
            ObjectNode updated;
            try {
                updated = validated(kind, ObjectMerge.merge(stored, requested, mode));
            } catch (ApiException e) {
                if (!confirmed) {
                    continue;
                }
                throw e;
            }
            if (updated.equals(stored)) {
                if (!confirmed) {
                    continue;
                }
                return ObjectMetadata.withResourceVersion(stored, current.modRevision());
            }

            try {
                WriteResult result = commit(new Operation.Update(key, codec.encode(updated), current.modRevision()));
                return ObjectMetadata.withResourceVersion(updated, result.revision());
            } catch (StoreException e) {
                if (!retriesAfterConflict(e, confirmed, expectedRevision, attempt)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Returns the entry a write starts from, or null when this replica's own copy cannot decide
     * and a linearizable read must follow. A missing object (404) or a stale
     * {@code expectedRevision} (409) is reported only from a linearizable read.
     */
    private KeyValue readForWrite(ResourceKind kind, String namespace, String name, long expectedRevision,
                                  boolean confirmed) {
        ReadConsistency consistency = confirmed ? ReadConsistency.LINEARIZABLE : ReadConsistency.LOCAL;
        KeyValue current = await(store.get(RegistryKeys.key(kind, namespace, name), consistency));
        boolean stale = current == null || (expectedRevision != 0 && expectedRevision != current.modRevision());
        if (!stale) {
            return current;
        }
        if (!confirmed) {
            return null;
        }
        if (current == null) {
            throw notFound(kind, namespace, name);
        }
        throw staleRevision(kind, namespace, name, expectedRevision, current.modRevision());
    }

    /**
     * Returns whether a write that lost its compare-and-set, or found its key gone, is tried again.
     * A write computed from this replica's own copy is, because that copy may lag the leader and
     * only a linearizable read decides the outcome. One computed from a linearizable read is tried
     * again only without a caller-given revision, a bounded number of times.
     */
    private boolean retriesAfterConflict(StoreException e, boolean confirmed, long expectedRevision, int attempt) {
        boolean revisionMismatch = e.reason() == StoreException.Reason.REVISION_MISMATCH;
        if (!revisionMismatch && e.reason() != StoreException.Reason.KEY_NOT_FOUND) {
            return false;
        }
        if (!confirmed) {
            return true;
        }
        return revisionMismatch && expectedRevision == 0 && attempt < maxUpdateAttempts;
    }

    /**
     * Deletes an object and returns its last state, with {@code resourceVersion} set to the
     * deleting revision as watchers see it. {@code expectedRevision} 0 deletes unconditionally;
     * another value fails with 409 Conflict unless it is the object's current revision.
     */
    public ObjectNode delete(ResourceKind kind, String namespace, String name, long expectedRevision) {
        String key = RegistryKeys.key(kind, namespace, name);

        // Attempt 0 works from this replica's own copy, and its compare-and-set commits only if
        // that copy was current. Every later attempt starts from a linearizable read.
        for (int attempt = 0; ; attempt++) {
            boolean confirmed = attempt > 0;
            KeyValue current = readForWrite(kind, namespace, name, expectedRevision, confirmed);
            if (current == null) {
                continue;
            }

            try {
                WriteResult result = commit(new Operation.Delete(key, current.modRevision()));
                return ObjectMetadata.withResourceVersion(codec.decodeStored(current.value()), result.revision());
            } catch (StoreException e) {
                if (!retriesAfterConflict(e, confirmed, expectedRevision, attempt)) {
                    throw e;
                }
            }
        }
    }

    /** Decodes a stored entry and sets its resourceVersion from the entry's revision. */
    public ObjectNode toObject(KeyValue entry) {
        return ObjectMetadata.withResourceVersion(codec.decodeStored(entry.value()), entry.modRevision());
    }

    private void checkIdentity(ResourceKind kind, String namespace, String name, ObjectNode object) {
        JsonNode apiVersion = object.get("apiVersion");
        if (apiVersion != null && !apiVersion.isNull() && !Resource.API_VERSION.equals(apiVersion.asText())) {
            throw ApiException.invalid("apiVersion: must be " + Resource.API_VERSION + ", got '" + apiVersion.asText() + "'");
        }
        JsonNode objectKind = object.get("kind");
        if (objectKind != null && !objectKind.isNull() && !kind.kind().equals(objectKind.asText())) {
            throw ApiException.invalid("kind: must be " + kind.kind() + " on " + kind.path(namespace, name)
                    + ", got '" + objectKind.asText() + "'");
        }
        object.put("apiVersion", Resource.API_VERSION);
        object.put("kind", kind.kind());

        String bodyNamespace = ObjectMetadata.text(object, "namespace");
        if (kind.namespaced() && bodyNamespace != null && !bodyNamespace.equals(namespace)) {
            throw ApiException.invalid("metadata.namespace: '" + bodyNamespace
                    + "' does not match the namespace in the URL '" + namespace + "'");
        }
        if (!kind.namespaced() && bodyNamespace != null) {
            throw ApiException.invalid("metadata.namespace: must be empty because " + kind.kind()
                    + " is cluster-scoped, got '" + bodyNamespace + "'");
        }

        String bodyName = ObjectMetadata.text(object, "name");
        if (name != null && bodyName != null && !bodyName.equals(name)) {
            throw ApiException.invalid("metadata.name: '" + bodyName + "' does not match the name in the URL '" + name + "'");
        }
        if (name != null && bodyName == null) {
            ObjectMetadata.of(object).put("name", name);
        }
    }

    private ObjectNode validated(ResourceKind kind, ObjectNode object) {
        Resource model = codec.toModel(kind, object);
        List<String> errors = validator.validate(model);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(kind.kind() + " " + Objects.toString(ObjectMetadata.text(object, "name"), "")
                    + " is invalid: " + String.join("; ", errors));
        }
        ObjectNode normalized = codec.json().valueToTree(model);
        ObjectMetadata.of(normalized).remove("resourceVersion");
        return normalized;
    }

    private WriteResult commit(Operation operation) {
        Timer.Context timing = commitTimer.time();
        try {
            return await(store.commit(List.of(operation)));
        } finally {
            timing.stop();
        }
    }

    private <T> T await(CompletableFuture<T> future) {
        return await(() -> future);
    }

    private <T> T await(Supplier<CompletableFuture<T>> call) {
        // The store bounds every request by its own timeout; this outer bound only guards a hang.
        long boundMillis = requestTimeout.toMillis() * 2;
        CompletableFuture<T> future = call.get();
        try {
            return future.get(boundMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw ApiException.noQuorum("The Raft group did not respond within " + boundMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.noQuorum("Interrupted while waiting for the Raft group");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static ApiException notFound(ResourceKind kind, String namespace, String name) {
        String where = kind.namespaced() ? " in namespace " + namespace : "";
        return ApiException.notFound(kind.kind() + " " + name + " not found" + where);
    }

    private static ApiException staleRevision(ResourceKind kind, String namespace, String name,
                                              long expected, long actual) {
        return ApiException.conflict(kind.kind() + " " + name + " was modified: resourceVersion " + expected
                + " is stale, the current one is " + actual + "; read the object again and retry");
    }
}
