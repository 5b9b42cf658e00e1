package io.boss.api.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.boss.api.ResourceKind;
import io.boss.api.model.ObjectList;
import io.boss.api.model.Resource;
import io.boss.api.model.WatchEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Shared JSON and YAML mappers for the boss model, and readers that turn Jackson's errors into a
 * {@link MalformedInputException} naming the field path or the line and column.
 *
 * <p>Both mappers reject unknown fields, duplicate keys and trailing content, and write
 * timestamps as ISO-8601 text. They are thread-safe; callers must not reconfigure them. A server
 * whose framework owns its own mapper applies the same settings with {@link #configure}.
 */
public final class Serialization {

    private static final ObjectMapper JSON = configure(new ObjectMapper());
    private static final ObjectMapper YAML = configure(new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build()));

    private Serialization() {
    }

    /**
     * Applies the boss settings to {@code mapper}: ISO-8601 timestamps, unknown fields, duplicate
     * keys and trailing tokens rejected.
     */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.registerModule(new JavaTimeModule());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return mapper;
    }

    /** Returns the shared JSON mapper. */
    public static ObjectMapper json() {
        return JSON;
    }

    /** Returns the shared YAML mapper, which writes without a leading {@code ---}. */
    public static ObjectMapper yaml() {
        return YAML;
    }

    /** Returns true when a Content-Type header value names YAML rather than JSON. */
    public static boolean isYaml(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.toLowerCase(Locale.ROOT);
        return mediaType.contains("yaml");
    }

    /**
     * Reads a JSON body as {@code type}.
     *
     * @throws MalformedInputException naming the field path or position of the first problem
     */
    public static <T> T read(byte[] body, Class<T> type) {
        return read(JSON, body, JSON.constructType(type));
    }

    /**
     * Reads a body as {@code type}, as YAML when {@code contentType} names YAML and as JSON
     * otherwise.
     *
     * @throws MalformedInputException naming the field path or position of the first problem
     */
    public static <T> T read(byte[] body, String contentType, Class<T> type) {
        ObjectMapper mapper = isYaml(contentType) ? YAML : JSON;
        return read(mapper, body, mapper.constructType(type));
    }

    /**
     * Reads one object whose Java type is chosen by its {@code kind} field, as YAML when
     * {@code contentType} names YAML and as JSON otherwise.
     *
     * @throws MalformedInputException when the body is malformed, has no known {@code kind}, or
     *     has a field the kind does not define
     */
    public static Resource readResource(byte[] body, String contentType) {
        ObjectMapper mapper = isYaml(contentType) ? YAML : JSON;
        JsonNode tree = read(mapper, body, mapper.constructType(JsonNode.class));
        ResourceKind kind = kindOf(tree, null);
        return read(mapper, body, mapper.constructType(kind.type()));
    }

    /**
     * Reads every document of a YAML stream (documents separated by {@code ---}), choosing each
     * one's type by its {@code kind} field. Empty documents are skipped. JSON is YAML, so a JSON
     * object is read too.
     *
     * @throws MalformedInputException naming the document number (from 1) and the field path
     */
    public static List<Resource> readAll(InputStream input) {
        List<Resource> resources = new ArrayList<>();
        // Documents parsed so far: a syntax error belongs to the next one, whether the parser
        // reports it while looking for that document or while reading it.
        int parsed = 0;
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(input)) {
            while (documents.hasNextValue()) {
                JsonNode tree = documents.nextValue();
                parsed++;
                if (tree == null || tree.isNull() || tree.isMissingNode() || tree.isEmpty()) {
                    continue;
                }
                ResourceKind kind = kindOf(tree, "document " + parsed + ": ");
                resources.add(convert(tree, kind.type(), "document " + parsed + ": "));
            }
        } catch (JsonProcessingException e) {
            throw translate(e, "document " + (parsed + 1) + ": ");
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read manifest stream", e);
        }
        return resources;
    }

    /** Writes {@code value} as compact JSON bytes. */
    public static byte[] toJsonBytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("failed to write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Writes {@code value} as compact JSON text. */
    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("failed to write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Writes {@code value} as a YAML document without the leading {@code ---}. */
    public static String toYaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("failed to write " + value.getClass().getSimpleName() + " as YAML", e);
        }
    }

    /** Returns a deep copy made by a JSON round trip, so changes to the copy never reach the original. */
    @SuppressWarnings("unchecked")
    public static <T> T copy(T value) {
        if (value == null) {
            return null;
        }
        return read(JSON, toJsonBytes(value), JSON.constructType(value.getClass()));
    }

    /** Returns the Jackson type of {@code ObjectList<T>}, for reading list responses. */
    public static JavaType listType(Class<? extends Resource> itemType) {
        return JSON.getTypeFactory().constructParametricType(ObjectList.class, itemType);
    }

    /** Returns the Jackson type of {@code WatchEvent<T>}, for reading watch lines. */
    public static JavaType watchEventType(Class<?> objectType) {
        return JSON.getTypeFactory().constructParametricType(WatchEvent.class, objectType);
    }

    /**
     * Reads {@code body} as the given Jackson type with {@code mapper}.
     *
     * @throws MalformedInputException naming the field path or position of the first problem
     */
    public static <T> T read(ObjectMapper mapper, byte[] body, JavaType type) {
        if (body == null || body.length == 0) {
            throw new MalformedInputException("empty body: expected a " + type.getRawClass().getSimpleName(), null, null);
        }
        try {
            return mapper.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw translate(e, "");
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read body", e);
        }
    }

    private static <T> T convert(JsonNode tree, Class<T> type, String prefix) {
        try {
            return YAML.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw translate(e, prefix);
        }
    }

    private static ResourceKind kindOf(JsonNode tree, String prefix) {
        String where = prefix == null ? "" : prefix;
        if (!tree.isObject()) {
            throw new MalformedInputException(where + "expected an object with a kind field, found "
                    + tree.getNodeType().toString().toLowerCase(Locale.ROOT), null, null);
        }

        String allowed = Arrays.stream(ResourceKind.values()).map(ResourceKind::kind).collect(Collectors.joining(", "));
        JsonNode kind = tree.get("kind");
        if (kind == null || !kind.isTextual() || kind.asText().isEmpty()) {
            throw new MalformedInputException(where + "missing field \"kind\": expected one of " + allowed, "kind", null);
        }
        return ResourceKind.fromKind(kind.asText()).orElseThrow(() -> new MalformedInputException(
                where + "unknown kind \"" + kind.asText() + "\": expected one of " + allowed, "kind", null));
    }

    private static MalformedInputException translate(JsonProcessingException error, String prefix) {
        return JacksonErrors.translate(error, prefix);
    }
}
