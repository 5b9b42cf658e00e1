package io.boss.api.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An object that failed validation, carrying every problem found. The server responds to it with
 * 422 Invalid and this message.
 */
public class ValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    /** Creates an exception for {@code subject} (such as {@code Pod "default/web"}) and its problems. */
    public ValidationException(String subject, List<FieldError> errors) {
        super(subject + " is invalid: " + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
