package io.boss.api.selector;

/**
 * A label or field selector that could not be parsed. The message quotes the selector and names
 * the position (from 0) of the problem; the server responds to it with 400 BadRequest.
 */
public class InvalidSelectorException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidSelectorException(String message) {
        super(message);
    }
}
