package io.boss.api.error;

/**
 * An error response from the boss API, or a client-side failure mapped to the same shape (for
 * example 503 NoQuorum when no replica could be reached in time). The message is the server's.
 */
public class BossApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ApiError error;

    public BossApiException(ApiError error) {
        this(error, null);
    }

    public BossApiException(ApiError error, Throwable cause) {
        super(error.code() + " " + error.reason() + ": " + error.message(), cause);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }

    /** Returns the HTTP status code. */
    public int code() {
        return error.code();
    }

    /** Returns the reason, one of {@link ErrorReasons}. */
    public String reason() {
        return error.reason();
    }

    /** Returns true when the reason is {@code reason}. */
    public boolean is(String reason) {
        return reason.equals(error.reason());
    }
}
