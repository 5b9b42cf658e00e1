package io.boss.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boss.server.errors.ApiException;

/** Reads and writes the {@code metadata} fields of an object held as a JSON tree. */
final class ObjectMetadata {

    private ObjectMetadata() {
    }

    /** Returns the object's metadata node, adding an empty one when it is missing. */
    static ObjectNode of(ObjectNode object) {
        JsonNode metadata = object.get("metadata");
        if (metadata instanceof ObjectNode node) {
            return node;
        }
        return object.putObject("metadata");
    }

    static String text(ObjectNode object, String field) {
        JsonNode value = of(object).get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    /** Sets {@code metadata.resourceVersion} from the store revision, which is the only source of truth for it. */
    static ObjectNode withResourceVersion(ObjectNode object, long revision) {
        of(object).put("resourceVersion", Long.toString(revision));
        return object;
    }

    /**
     * Returns the revision named by {@code metadata.resourceVersion}, or 0 when it is absent.
     *
     * @throws ApiException 400 when it is not a non-negative integer
     */
    static long resourceVersion(ObjectNode object) {
        return parseResourceVersion(text(object, "resourceVersion"), "metadata.resourceVersion");
    }

    /** Parses a resourceVersion given by a client; null or empty means none (0). */
    static long parseResourceVersion(String value, String source) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            long revision = Long.parseLong(value);
            if (revision >= 0) {
                return revision;
            }
        } catch (NumberFormatException e) {
            // Falls through to the error below, which names the bad value.
        }
        throw ApiException.badRequest(source + " must be a non-negative integer revision, got '" + value + "'");
    }
}
