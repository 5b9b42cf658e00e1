package io.boss.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boss.api.ResourceKind;
import io.boss.api.selector.FieldSelector;
import io.boss.api.selector.InvalidSelectorException;
import io.boss.api.selector.LabelSelector;
import io.boss.server.errors.ApiException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Selects the objects a list or watch returns: a label selector and a field selector, both
 * optional, applied to an object held as a JSON tree. Immutable.
 */
public final class ObjectFilter {

    private final ResourceKind kind;
    private final ResourceCodec codec;
    private final LabelSelector labels;
    private final FieldSelector fields;

    private ObjectFilter(ResourceKind kind, ResourceCodec codec, LabelSelector labels, FieldSelector fields) {
        this.kind = kind;
        this.codec = codec;
        this.labels = labels;
        this.fields = fields;
    }

    /**
     * Parses the {@code labelSelector} and {@code fieldSelector} query parameters; null or empty
     * selects everything.
     *
     * @throws ApiException 400 BadRequest naming the parameter and the problem
     */
    public static ObjectFilter parse(ResourceKind kind, ResourceCodec codec, String labelSelector, String fieldSelector) {
        LabelSelector labels;
        try {
            labels = labelSelector == null || labelSelector.isBlank()
                    ? LabelSelector.everything() : LabelSelector.parse(labelSelector);
        } catch (InvalidSelectorException e) {
            throw ApiException.badRequest("Invalid labelSelector '" + labelSelector + "': " + e.getMessage());
        }

        FieldSelector fields;
        try {
            fields = fieldSelector == null || fieldSelector.isBlank()
                    ? FieldSelector.everything() : FieldSelector.parse(fieldSelector, kind);
        } catch (InvalidSelectorException e) {
            throw ApiException.badRequest("Invalid fieldSelector '" + fieldSelector + "': " + e.getMessage());
        }
        return new ObjectFilter(kind, codec, labels, fields);
    }

    public boolean matches(ObjectNode object) {
        if (!labels.isEmpty() && !labels.matches(labelsOf(object))) {
            return false;
        }
        return fields.isEmpty() || fields.matches(codec.toModel(kind, object));
    }

    private static Map<String, String> labelsOf(ObjectNode object) {
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode node = object.path("metadata").path("labels");
        node.fields().forEachRemaining(field -> labels.put(field.getKey(), field.getValue().asText()));
        return labels;
    }
}
