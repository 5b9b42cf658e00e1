package io.boss.api.validation;

/**
 * One validation problem: the path of the offending field, such as
 * {@code spec.containers[0].name}, and what is wrong with it.
 */
public record FieldError(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
