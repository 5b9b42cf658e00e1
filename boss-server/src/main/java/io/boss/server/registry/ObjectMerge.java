package io.boss.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Objects;

/**
 * Computes the object an update stores from the stored object and the request body, following
 * the Kubernetes rules for the main resource and the status subresource.
 */
final class ObjectMerge {

    /** Metadata fields only the server sets; a client's values for them are ignored. */
    private static final List<String> SERVER_SET_METADATA =
            List.of("name", "namespace", "uid", "creationTimestamp", "generation", "deletionTimestamp");

    private ObjectMerge() {
    }

    static ObjectNode merge(ObjectNode stored, ObjectNode requested, UpdateMode mode) {
        return switch (mode) {
            case MAIN -> mergeMain(stored, requested);
            case STATUS -> mergeStatus(stored, requested);
        };
    }

    /** Takes metadata and spec from the request and status and server-set metadata from the stored object; bumps generation on a spec change. */
    private static ObjectNode mergeMain(ObjectNode stored, ObjectNode requested) {
        ObjectNode updated = requested.deepCopy();
        ObjectNode metadata = ObjectMetadata.of(updated);
        ObjectNode storedMetadata = ObjectMetadata.of(stored);
        for (String field : SERVER_SET_METADATA) {
            copyField(storedMetadata, metadata, field);
        }
        metadata.remove("resourceVersion");

        copyField(stored, updated, "status");

        long generation = storedMetadata.path("generation").asLong(1);
        if (!Objects.equals(stored.get("spec"), updated.get("spec"))) {
            generation++;
        }
        metadata.put("generation", generation);
        return updated;
    }

    /** Takes status from the request and everything else from the stored object. */
    private static ObjectNode mergeStatus(ObjectNode stored, ObjectNode requested) {
        ObjectNode updated = stored.deepCopy();
        ObjectMetadata.of(updated).remove("resourceVersion");
        copyField(requested, updated, "status");
        return updated;
    }

    private static void copyField(ObjectNode from, ObjectNode to, String field) {
        JsonNode value = from.get(field);
        if (value == null) {
            to.remove(field);
        } else {
            to.set(field, value.deepCopy());
        }
    }
}
