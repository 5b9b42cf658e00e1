package io.boss.server.informer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.boss.api.ResourceKind;
import io.boss.api.json.Serialization;
import io.boss.api.model.Resource;
import io.boss.store.KeyValue;
import io.boss.store.StoreException;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Converts between stored entries and typed objects of one kind, and names their store keys.
 *
 * <p>Values are the object's JSON. Decoding sets {@code metadata.resourceVersion} to the entry's
 * {@code modRevision}, because the revision that stores an object is only known after it is
 * applied. Keys are {@code /registry/{plural}/{namespace}/{name}}, and
 * {@code /registry/{plural}/{name}} for a cluster-scoped kind.
 */
public final class TypedCodec<T extends Resource> {

    private final ResourceKind kind;
    private final Class<T> type;
    private final ObjectMapper mapper;

    /** Returns a codec that uses the API's JSON mapper, the one the server stores objects with. */
    public static <T extends Resource> TypedCodec<T> of(ResourceKind kind, Class<T> type) {
        return new TypedCodec<>(kind, type, Serialization.json());
    }

    public TypedCodec(ResourceKind kind, Class<T> type, ObjectMapper mapper) {
        if (!kind.type().equals(type)) {
            throw new IllegalArgumentException("kind " + kind.kind() + " is stored as " + kind.type().getName()
                    + ", not " + type.getName());
        }
        this.kind = kind;
        this.type = type;
        this.mapper = mapper;
    }

    public ResourceKind kind() {
        return kind;
    }

    /** Returns the prefix under which every object of this kind is stored, ending with a slash. */
    public String prefix() {
        return "/registry/" + kind.plural() + "/";
    }

    /** Returns the store key of the object with {@code namespace} (ignored for a cluster-scoped kind) and {@code name}. */
    public String key(String namespace, String name) {
        return kind.namespaced() ? prefix() + namespace + "/" + name : prefix() + name;
    }

    public String key(T object) {
        return key(object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    /**
     * Decodes a stored entry.
     *
     * @throws StoreException with reason {@code INTERNAL} when the value is not a valid object of this kind
     */
    public T decode(KeyValue entry) {
        try {
            T object = mapper.readValue(entry.value(), type);
            object.getMetadata().setResourceVersion(Long.toString(entry.modRevision()));
            return object;
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.INTERNAL, entry.key(),
                    "stored value of " + entry.key() + " is not a valid " + kind.kind() + ": " + e.getMessage(), e);
        }
    }

    /** Encodes an object for storage, without its resourceVersion (the store's revision is the truth). */
    public byte[] encode(T object) {
        String resourceVersion = object.getMetadata().getResourceVersion();
        try {
            object.getMetadata().setResourceVersion(null);
            return mapper.writeValueAsBytes(object);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to encode " + kind.kind() + " " + object.key(), e);
        } finally {
            object.getMetadata().setResourceVersion(resourceVersion);
        }
    }

    /** Returns a deep copy, so a cached object can be changed without touching the cache. */
    public T copy(T object) {
        return mapper.convertValue(object, type);
    }
}
