package io.boss.api.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns Jackson exceptions into messages in the model's terms: field paths, not Java types. */
final class JacksonErrors {

    private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JacksonErrors() {
    }

    static MalformedInputException translate(JsonProcessingException error, String prefix) {
        String location = location(error.getLocation());

        if (error instanceof UnrecognizedPropertyException) {
            String path = path((JsonMappingException) error);
            return new MalformedInputException(prefix + "unknown field \"" + path + "\"" + location, path, error);
        }
        if (error instanceof MismatchedInputException) {
            MismatchedInputException mismatch = (MismatchedInputException) error;
            String path = path(mismatch);
            String expected = describe(mismatch.getTargetType());
            return new MalformedInputException(prefix + "invalid value for \"" + path + "\"" + location
                    + ": expected " + expected, path, error);
        }
        if (error instanceof JsonMappingException && !((JsonMappingException) error).getPath().isEmpty()) {
            String path = path((JsonMappingException) error);
            return new MalformedInputException(prefix + "invalid value for \"" + path + "\"" + location + ": "
                    + error.getOriginalMessage(), path, error);
        }
        return new MalformedInputException(prefix + "malformed input" + location + ": "
                + firstLine(error.getOriginalMessage()), null, error);
    }

    /** Builds a path such as {@code spec.containers[0].image} from Jackson's reference chain. */
    static String path(JsonMappingException error) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : error.getPath()) {
            String field = reference.getFieldName();
            if (field == null) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (SIMPLE_KEY.matcher(field).matches()) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(field);
            } else {
                path.append("[\"").append(field).append("\"]");
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an RFC 3339 timestamp such as 2024-01-31T12:00:00Z";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object of string values";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        return "an object";
    }

    private static String location(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable content";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
