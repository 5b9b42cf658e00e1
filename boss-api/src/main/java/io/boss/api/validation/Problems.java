package io.boss.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects {@link FieldError}s during one validation run. Not thread-safe. */
final class Problems {

    private final List<FieldError> errors = new ArrayList<>();

    void add(String path, String message) {
        errors.add(new FieldError(path, message));
    }

    void add(String path, Optional<String> problem) {
        problem.ifPresent(message -> add(path, message));
    }

    void required(String path, Object value) {
        if (value == null || (value instanceof String && ((String) value).isEmpty())) {
            add(path, "is required");
        }
    }

    void nonNegative(String path, Number value) {
        if (value != null && value.longValue() < 0) {
            add(path, "must be 0 or greater, got " + value);
        }
    }

    /** Reports {@code value} unless it is null, empty or one of {@code allowed}. */
    void oneOf(String path, String value, List<String> allowed) {
        if (value != null && !value.isEmpty() && !allowed.contains(value)) {
            add(path, "unsupported value \"" + value + "\": expected one of " + String.join(", ", allowed));
        }
    }

    List<FieldError> errors() {
        return errors;
    }
}
