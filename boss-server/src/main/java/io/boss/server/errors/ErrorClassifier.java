package io.boss.server.errors;

import io.boss.api.error.ErrorReasons;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.boss.api.json.MalformedInputException;
import io.boss.store.StoreException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.jetty.http.BadMessageException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Maps every exception the API can meet to one {@link ApiException}: the single place that
 * decides status code and reason.
 *
 * <p>Three classes of outcome: an expected API error (bad input, missing object, conflict), a
 * cluster condition (no quorum, timeout, expired history) and a fault (anything else, 500
 * InternalError). Only faults deserve a stack trace in the log, and {@link #isFault} separates them.
 */
public final class ErrorClassifier {

    private ErrorClassifier() {
    }

    /** Returns the API error for {@code error}, unwrapping futures' wrapper exceptions first. */
    public static ApiException classify(Throwable error) {
        Throwable cause = unwrap(error);

        if (cause instanceof ApiException api) {
            return api;
        }
        if (cause instanceof StoreException store) {
            return fromStore(store);
        }
        if (cause instanceof MalformedInputException malformed) {
            return ApiException.badRequest("Malformed request body: " + malformed.getMessage());
        }
        if (cause instanceof JsonProcessingException json) {
            return ApiException.badRequest("Malformed request body: " + describe(json));
        }
        if (cause instanceof WebApplicationException web) {
            return fromWebApplication(web);
        }
        if (cause instanceof BadMessageException bad) {
            return new ApiException(bad.getCode(), ErrorReasons.BAD_REQUEST, "Malformed request: " + bad.getReason());
        }
        return new ApiException(500, ErrorReasons.INTERNAL_ERROR,
                "Internal error: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    /** Returns true when {@code error} is a fault of the server rather than an expected outcome. */
    public static boolean isFault(ApiException error) {
        return error.code() == 500;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static ApiException fromStore(StoreException error) {
        String key = error.key() == null ? "" : " (" + error.key() + ")";
        return switch (error.reason()) {
            case KEY_EXISTS -> ApiException.alreadyExists("Object already exists" + key);
            case KEY_NOT_FOUND -> ApiException.notFound("Object not found" + key);
            case REVISION_MISMATCH -> ApiException.conflict(
                    "The object was modified: resourceVersion is stale" + key + "; read it again and retry");
            case EXPIRED -> ApiException.expired(error.getMessage() + "; list again and watch from the list's resourceVersion");
            case NO_QUORUM -> ApiException.noQuorum("The Raft group could not commit the request in time: " + error.getMessage());
            case TIMEOUT -> ApiException.timeout(error.getMessage());
            case CLOSED -> ApiException.noQuorum("This replica is shutting down; send the request to another replica");
            case INVALID -> ApiException.badRequest(error.getMessage());
            case INTERNAL -> new ApiException(500, ErrorReasons.INTERNAL_ERROR, "Store failure: " + error.getMessage());
        };
    }

    private static ApiException fromWebApplication(WebApplicationException error) {
        if (error instanceof NotFoundException) {
            return ApiException.notFound("No route for this path; see GET /api/v1/cluster and the documented /api/v1 routes");
        }
        if (error instanceof NotAllowedException) {
            return new ApiException(405, ErrorReasons.METHOD_NOT_ALLOWED,
                    "Method not allowed on this path; allowed: " + error.getResponse().getAllowedMethods());
        }
        if (error instanceof NotSupportedException) {
            return ApiException.unsupportedMediaType("Unsupported Content-Type; send application/json or application/yaml");
        }
        if (error instanceof NotAcceptableException) {
            return new ApiException(406, "NotAcceptable", "Responses are application/json; accept that type");
        }

        int status = error.getResponse().getStatus();
        if (status == 413) {
            return ApiException.tooLarge("Request body is too large");
        }
        if (status >= 500) {
            return new ApiException(status, ErrorReasons.INTERNAL_ERROR, "Internal error: " + error.getMessage());
        }
        return new ApiException(status, ErrorReasons.BAD_REQUEST, error.getMessage());
    }

    private static String describe(JsonProcessingException error) {
        JsonLocation location = error.getLocation();
        String message = error.getOriginalMessage();
        if (location == null || location.getLineNr() < 0) {
            return message;
        }
        return message + " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
