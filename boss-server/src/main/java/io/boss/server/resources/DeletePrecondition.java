package io.boss.server.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.boss.api.json.MalformedInputException;
import io.boss.api.json.Serialization;
import io.boss.server.errors.ApiException;

import java.util.Set;

/**
 * The optional resourceVersion precondition of a delete, given as the query parameter
 * {@code ?resourceVersion=N} or as a body {@code {"preconditions": {"resourceVersion": "N"}}}.
 */
final class DeletePrecondition {

    private static final Set<String> BODY_FIELDS = Set.of("apiVersion", "kind", "preconditions");

    private DeletePrecondition() {
    }

    /** Returns the expected revision, or 0 for an unconditional delete; rejects two different values. */
    static long read(String queryValue, RequestBody body) {
        long fromQuery = QueryFlags.resourceVersion(queryValue);
        long fromBody = body.isEmpty() ? 0 : fromBody(body);
        if (fromQuery != 0 && fromBody != 0 && fromQuery != fromBody) {
            throw ApiException.badRequest("Delete precondition given twice with different values: resourceVersion="
                    + fromQuery + " in the query, " + fromBody + " in the body");
        }
        return fromQuery != 0 ? fromQuery : fromBody;
    }

    private static long fromBody(RequestBody body) {
        JsonNode tree;
        try {
            var mapper = body.isYaml() ? Serialization.yaml() : Serialization.json();
            tree = Serialization.read(mapper, body.bytes(), mapper.constructType(JsonNode.class));
        } catch (MalformedInputException e) {
            throw ApiException.badRequest("Malformed delete options: " + e.getMessage());
        }
        if (!tree.isObject()) {
            throw ApiException.badRequest("Delete options must be an object such as {\"preconditions\": {\"resourceVersion\": \"12\"}}");
        }
        tree.fieldNames().forEachRemaining(field -> {
            if (!BODY_FIELDS.contains(field)) {
                throw ApiException.badRequest("Delete options: unknown field \"" + field + "\"; expected preconditions");
            }
        });

        JsonNode preconditions = tree.path("preconditions");
        JsonNode revision = preconditions.path("resourceVersion");
        if (revision.isMissingNode() || revision.isNull()) {
            return 0;
        }
        return QueryFlags.resourceVersion(revision.asText());
    }
}
