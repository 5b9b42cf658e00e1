package io.boss.server.errors;

import io.boss.api.error.ApiError;
import io.boss.api.error.ErrorReasons;

/**
 * An expected API failure with its HTTP status, its reason from the API's closed set and a
 * message that names the value to fix.
 *
 * <p>Carries no stack trace, because it reports bad input or cluster state, never a fault in the
 * server.
 */
public final class ApiException extends RuntimeException {

    private final int code;
    private final String reason;

    public ApiException(int code, String reason, String message) {
        super(message, null, false, false);
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** Returns the JSON body of the error response. */
    public ApiError toApiError() {
        return new ApiError(code, reason, getMessage());
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, ErrorReasons.BAD_REQUEST, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, ErrorReasons.NOT_FOUND, message);
    }

    public static ApiException alreadyExists(String message) {
        return new ApiException(409, ErrorReasons.ALREADY_EXISTS, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, ErrorReasons.CONFLICT, message);
    }

    public static ApiException expired(String message) {
        return new ApiException(410, ErrorReasons.EXPIRED, message);
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(413, ErrorReasons.REQUEST_ENTITY_TOO_LARGE, message);
    }

    public static ApiException unsupportedMediaType(String message) {
        return new ApiException(415, ErrorReasons.UNSUPPORTED_MEDIA_TYPE, message);
    }

    public static ApiException invalid(String message) {
        return new ApiException(422, ErrorReasons.INVALID, message);
    }

    public static ApiException noQuorum(String message) {
        return new ApiException(503, ErrorReasons.NO_QUORUM, message);
    }

    public static ApiException timeout(String message) {
        return new ApiException(504, ErrorReasons.TIMEOUT, message);
    }
}
