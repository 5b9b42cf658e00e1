package io.boss.api.json;

/**
 * A request body or manifest that could not be read: a syntax error, an unknown field, a value of
 * the wrong type or an unknown kind. The message names the field path (such as
 * {@code spec.containers[0].imagee}) or the line and column, so the author can fix it. The server
 * responds to it with 400 BadRequest.
 */
public class MalformedInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String path;

    public MalformedInputException(String message, String path, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /** Returns the path of the offending field, or null for a syntax error or a whole-document problem. */
    public String path() {
        return path;
    }
}
