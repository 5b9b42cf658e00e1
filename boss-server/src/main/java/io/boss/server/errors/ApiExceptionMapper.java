package io.boss.server.errors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every exception a resource throws, and every routing failure of Jersey (404, 405, 415),
 * into a JSON {@code ApiError} body {@code {code, reason, message}}. Faults are logged with their stack trace, expected outcomes at
 * DEBUG without one.
 */
@Provider
public final class ApiExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionMapper.class);

    @Override
    public Response toResponse(Throwable exception) {
        ApiException error = ErrorClassifier.classify(exception);

        if (ErrorClassifier.isFault(error)) {
            LOG.error("Request failed with an internal error", exception);
        } else {
            LOG.debug("Request rejected: {} {} {}", error.code(), error.reason(), error.getMessage());
        }

        return Response.status(error.code())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(error.toApiError())
                .build();
    }
}
