package io.boss.api.error;

/**
 * The {@code reason} values of {@link ApiError}, with the HTTP status each goes with. They match
 * the Kubernetes StatusReason names where one exists.
 */
public final class ErrorReasons {

    /** 400: the body could not be read. */
    public static final String BAD_REQUEST = "BadRequest";
    /** 401. */
    public static final String UNAUTHORIZED = "Unauthorized";
    /** 403. */
    public static final String FORBIDDEN = "Forbidden";
    /** 404: no such object or path. */
    public static final String NOT_FOUND = "NotFound";
    /** 405. */
    public static final String METHOD_NOT_ALLOWED = "MethodNotAllowed";
    /** 409: create of a name that exists. */
    public static final String ALREADY_EXISTS = "AlreadyExists";
    /** 409: the given resourceVersion is stale. */
    public static final String CONFLICT = "Conflict";
    /** 410: a watch asked for a revision that has been compacted; re-list and watch again. */
    public static final String EXPIRED = "Expired";
    /** 413. */
    public static final String REQUEST_ENTITY_TOO_LARGE = "RequestEntityTooLarge";
    /** 415. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    /** 422: the object failed validation; the message lists every problem. */
    public static final String INVALID = "Invalid";
    /** 429. */
    public static final String TOO_MANY_REQUESTS = "TooManyRequests";
    /** 500. */
    public static final String INTERNAL_ERROR = "InternalError";
    /** 503: the Raft group cannot commit, so the write may be retried on any replica. */
    public static final String NO_QUORUM = "NoQuorum";
    /** 504: the operation did not finish in time; its outcome is unknown. */
    public static final String TIMEOUT = "Timeout";

    private ErrorReasons() {
    }
}
