package io.boss.api.error;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of every error response: the HTTP status {@code code}, a machine-readable
 * {@code reason} from {@link ErrorReasons} and a {@code message} for people.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int code, String reason, String message) {

    @JsonCreator
    public ApiError(@JsonProperty("code") int code,
                    @JsonProperty("reason") String reason,
                    @JsonProperty("message") String message) {
        this.code = code;
        this.reason = reason;
        this.message = message;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, ErrorReasons.BAD_REQUEST, message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, ErrorReasons.NOT_FOUND, message);
    }

    public static ApiError alreadyExists(String message) {
        return new ApiError(409, ErrorReasons.ALREADY_EXISTS, message);
    }

    public static ApiError conflict(String message) {
        return new ApiError(409, ErrorReasons.CONFLICT, message);
    }

    public static ApiError expired(String message) {
        return new ApiError(410, ErrorReasons.EXPIRED, message);
    }

    public static ApiError invalid(String message) {
        return new ApiError(422, ErrorReasons.INVALID, message);
    }

    public static ApiError noQuorum(String message) {
        return new ApiError(503, ErrorReasons.NO_QUORUM, message);
    }

    public static ApiError internalError(String message) {
        return new ApiError(500, ErrorReasons.INTERNAL_ERROR, message);
    }
}
