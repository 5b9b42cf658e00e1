package io.boss.server.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boss.api.ResourceKind;
import io.boss.api.json.MalformedInputException;
import io.boss.api.json.Serialization;
import io.boss.api.model.Resource;
import io.boss.server.errors.ApiException;

import java.io.IOException;
import java.util.Locale;

/**
 * Converts API objects between request bodies, JSON trees and stored bytes.
 *
 * <p>A request body is read with the strict boss mappers straight into the kind's model type, so
 * an unknown field or a value of the wrong type is rejected with its field path and position. The
 * store always contains the model's own serialization.
 */
public final class ResourceCodec {

    private final ObjectMapper json = Serialization.json();

    /** Returns the JSON mapper, which the API also uses for responses. */
    public ObjectMapper json() {
        return json;
    }

    /**
     * Parses a request body of {@code kind}, JSON or YAML, into a normalized tree.
     *
     * @throws ApiException 400 BadRequest naming the line and column or the path of the bad field,
     *     or 422 Invalid when the body names another kind or apiVersion
     */
    public ObjectNode decodeBody(ResourceKind kind, byte[] body, boolean isYaml) {
        ObjectMapper mapper = isYaml ? Serialization.yaml() : json;
        String format = isYaml ? "YAML" : "JSON";
        try {
            JsonNode tree = Serialization.read(mapper, body, mapper.constructType(JsonNode.class));
            if (tree == null || !tree.isObject()) {
                String found = tree == null ? "nothing" : tree.getNodeType().toString().toLowerCase(Locale.ROOT);
                throw ApiException.badRequest("Malformed " + format + " body: expected a " + kind.kind()
                        + " object, found " + found);
            }
            checkKind(kind, tree);

            Resource model = Serialization.read(mapper, body, mapper.constructType(kind.type()));
            return json.valueToTree(model);
        } catch (MalformedInputException e) {
            throw ApiException.badRequest("Malformed " + format + " body: " + e.getMessage());
        }
    }

    /** Converts a tree to the kind's model object; throws 400 BadRequest naming the field path on a mismatch. */
    public Resource toModel(ResourceKind kind, ObjectNode tree) {
        try {
            return json.treeToValue(tree, kind.type());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Invalid " + kind.kind() + ": " + e.getOriginalMessage());
        }
    }

    /** Reads a stored value; stored values were written by this codec, so a failure is a fault. */
    public ObjectNode decodeStored(byte[] value) {
        try {
            return (ObjectNode) json.readTree(value);
        } catch (IOException e) {
            throw new IllegalStateException("Stored object is not valid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a stored value and passes it through the model type, so that it compares equal to a
     * tree built from a request. Two Jackson trees of the same number differ when one contains an
     * int and the other a long.
     */
    public ObjectNode decodeStored(ResourceKind kind, byte[] value) {
        return json.valueToTree(toModel(kind, decodeStored(value)));
    }

    /** Serializes a tree to the bytes the store keeps. */
    public byte[] encode(ObjectNode tree) {
        try {
            return json.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Failed to serialize object: " + e.getMessage(), e);
        }
    }

    private static void checkKind(ResourceKind kind, JsonNode tree) {
        JsonNode apiVersion = tree.get("apiVersion");
        if (apiVersion != null && !apiVersion.isNull() && !Resource.API_VERSION.equals(apiVersion.asText())) {
            throw ApiException.invalid("apiVersion: must be " + Resource.API_VERSION + ", got '" + apiVersion.asText() + "'");
        }
        JsonNode objectKind = tree.get("kind");
        if (objectKind != null && !objectKind.isNull() && !kind.kind().equals(objectKind.asText())) {
            throw ApiException.invalid("kind: must be " + kind.kind() + " at this path, got '" + objectKind.asText() + "'");
        }
    }
}
