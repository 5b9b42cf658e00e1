package io.boss.server.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boss.api.ResourceKind;
import io.boss.api.error.ErrorReasons;
import io.boss.api.json.Serialization;
import io.boss.api.model.Resource;
import io.boss.server.errors.ApiException;
import io.boss.server.errors.ErrorClassifier;
import io.boss.server.registry.ResourceCodec;
import io.boss.server.resources.RequestBody;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * The checks every API request passes before it reaches a resource, in this order:
 * authentication (401), the per-user rate limit (429), RBAC (403), node restriction (403),
 * isolation policy admission (403), reserved role names (422) and the per-user watch limit (429).
 * A rejected request reaches no resource, so it changes nothing. Every mutating request, rejected
 * or not, gets one {@link AuditLog} line with the status it got.
 *
 * <p>With authentication off every caller is {@link UserInfo#ANONYMOUS_ADMIN}: the rate, RBAC, node
 * and watch checks are skipped, and isolation policy admission still applies. Thread-safe.
 */
public final class SecurityFilter implements Filter {

    /** The request attribute holding the caller's {@link UserInfo} for the resources behind the filter. */
    public static final String USER_ATTRIBUTE = "boss.user";

    private static final Set<ResourceKind> ADMITTED_KINDS = Set.of(ResourceKind.POD, ResourceKind.DEPLOYMENT,
            ResourceKind.REPLICA_SET, ResourceKind.CLUSTER_ROLE, ResourceKind.NODE, ResourceKind.LEASE,
            ResourceKind.EVENT);

    private static final Logger LOG = LoggerFactory.getLogger(SecurityFilter.class);

    /** Largest body of a rejected request that is read and dropped to keep its connection open. */
    private static final int DISCARD_LIMIT_BYTES = 1 << 20;

    private final SecurityComponents components;
    private final ResourceCodec codec;
    private final long maxRequestBytes;

    public SecurityFilter(SecurityComponents components, ResourceCodec codec, long maxRequestBytes) {
        this.components = components;
        this.codec = codec;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        // The decoded path, as Jersey matches it: an encoded name such as pod%2Dof%2Db must not slip past the checks.
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        RequestAttributes attributes = RequestAttributes.parse(request.getMethod(), path, request.getQueryString());

        UserInfo user = UserInfo.ANONYMOUS_ADMIN;
        if (components.authenticationEnabled()) {
            Authenticator.Result result = components.authenticator().authenticate(request);
            if (result.user().isEmpty()) {
                reject(request, response, new ApiException(401, ErrorReasons.UNAUTHORIZED, "Unauthorized: " + result.failure()));
                audit(UserInfo.UNAUTHENTICATED, attributes, response);
                return;
            }
            user = result.user().get();
        }
        request.setAttribute(USER_ATTRIBUTE, user);

        HttpServletRequest forwarded = request;
        boolean watchCounted = false;
        try {
            Optional<ApiException> rejection;
            BodyHolder body = new BodyHolder(request, attributes);
            try {
                rejection = checkAccess(user, attributes);
                if (rejection.isEmpty()) {
                    rejection = checkObject(user, attributes, body);
                    forwarded = body.forwarded();
                }
            } catch (RuntimeException e) {
                // A store failure while reading roles or policies: the same response a resource would give.
                ApiException error = ErrorClassifier.classify(e);
                if (ErrorClassifier.isFault(error)) {
                    LOG.error("Failed to check {} {} for user {}", attributes.verb(), attributes.describeTarget(),
                            user.name(), e);
                }
                rejection = Optional.of(error);
            }
            if (rejection.isEmpty() && attributes.isWatch() && components.watchLimiter() != null
                    && components.authenticationEnabled()) {
                watchCounted = components.watchLimiter().tryOpen(user.name());
                if (!watchCounted) {
                    rejection = Optional.of(new ApiException(429, ErrorReasons.TOO_MANY_REQUESTS, "User \"" + user.name()
                            + "\" already has " + components.watchLimiter().maxPerUser() + " open watches on this "
                            + "replica (security.maxWatchesPerUser); close one before opening another"));
                }
            }
            if (rejection.isPresent()) {
                reject(request, response, rejection.get());
                return;
            }
            chain.doFilter(forwarded, response);
        } finally {
            if (watchCounted) {
                components.watchLimiter().close(user.name());
            }
            audit(user, attributes, response);
        }
    }

    private Optional<ApiException> checkAccess(UserInfo user, RequestAttributes attributes) {
        if (!components.authenticationEnabled()) {
            return Optional.empty();
        }
        RateLimiter limiter = components.rateLimiter();
        if (limiter != null && !limiter.tryAcquire(user.name())) {
            return Optional.of(new ApiException(429, ErrorReasons.TOO_MANY_REQUESTS, "User \"" + user.name()
                    + "\" sent more requests than security.requestsPerSecond allows; retry after "
                    + limiter.retryAfterSeconds() + " s"));
        }
        if (attributes.isSelfReview()) {
            return Optional.empty();
        }
        Authorizer.Decision decision = components.authorizer().authorize(user, attributes);
        if (!decision.allowed()) {
            return Optional.of(new ApiException(403, ErrorReasons.FORBIDDEN, "Forbidden: " + decision.reason()));
        }
        return Optional.empty();
    }

    private Optional<ApiException> checkObject(UserInfo user, RequestAttributes attributes, BodyHolder body) {
        try {
            Optional<String> node = components.authenticationEnabled() ? user.nodeName() : Optional.empty();
            if (node.isPresent()) {
                Optional<String> nodeRejection = components.nodeRestriction().check(node.get(), attributes, body::tree);
                if (nodeRejection.isPresent()) {
                    return Optional.of(new ApiException(403, ErrorReasons.FORBIDDEN, "Forbidden: " + nodeRejection.get()));
                }
            }

            Resource object = body.model();
            if (object == null) {
                return Optional.empty();
            }
            Optional<String> policy = components.isolationAdmission().check(attributes.namespace(), object);
            if (policy.isPresent()) {
                return Optional.of(new ApiException(403, ErrorReasons.FORBIDDEN, "Forbidden: " + policy.get()));
            }
            if (object.resourceKind() == ResourceKind.CLUSTER_ROLE
                    && BuiltInRoles.ROLES.containsKey(object.getMetadata().getName())) {
                return Optional.of(ApiException.invalid("ClusterRole \"" + object.getMetadata().getName()
                        + "\" is built in and cannot be stored; choose another name"));
            }
            return Optional.empty();
        } catch (ApiException e) {
            return Optional.of(e);
        }
    }

    private static void audit(UserInfo user, RequestAttributes attributes, HttpServletResponse response) {
        if (attributes.isMutating()) {
            AuditLog.record(user, attributes, response.getStatus());
        }
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, ApiException error) throws IOException {
        discardBody(request, response);
        response.setStatus(error.code());
        response.setContentType("application/json");
        if (error.code() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"boss\"");
        }
        if (error.code() == 429 && components.rateLimiter() != null) {
            response.setHeader("Retry-After", Long.toString(components.rateLimiter().retryAfterSeconds()));
        }
        byte[] body = Serialization.json().writeValueAsBytes(error.toApiError());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.getOutputStream().flush();
    }

    /**
     * Reads and drops the body of a rejected request. Jetty may close a connection whose request
     * body is still unread after the response was sent, and a client that already reused it for its
     * next request then gets no response. A body above {@link #DISCARD_LIMIT_BYTES} is not read,
     * and the response carries {@code Connection: close} so that the client does not reuse it.
     */
    private static void discardBody(HttpServletRequest request, HttpServletResponse response) {
        long length = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (length == 0 || (length < 0 && !chunked)) {
            return;
        }
        if (length > DISCARD_LIMIT_BYTES) {
            response.setHeader("Connection", "close");
            return;
        }
        try {
            byte[] read = request.getInputStream().readNBytes(DISCARD_LIMIT_BYTES + 1);
            if (read.length > DISCARD_LIMIT_BYTES) {
                response.setHeader("Connection", "close");
            }
        } catch (IOException | IllegalStateException e) {
            LOG.debug("could not read the body of a rejected {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
            response.setHeader("Connection", "close");
        }
    }

    /**
     * Reads the body of a create or main update of an admitted kind on first use, so that requests
     * the checks do not need to look into are streamed to the resource untouched.
     */
    private final class BodyHolder {

        private final HttpServletRequest request;
        private final RequestAttributes attributes;
        private boolean read;
        private ObjectNode tree;
        private Resource model;
        private HttpServletRequest forwarded;

        BodyHolder(HttpServletRequest request, RequestAttributes attributes) {
            this.request = request;
            this.attributes = attributes;
            this.forwarded = request;
        }

        ObjectNode tree() {
            readOnce();
            return tree;
        }

        Resource model() {
            readOnce();
            return model;
        }

        HttpServletRequest forwarded() {
            return forwarded;
        }

        private void readOnce() {
            if (read) {
                return;
            }
            read = true;
            boolean writesObject = attributes.verb().equals("create")
                    || attributes.verb().equals("update") && attributes.subresource() == null;
            if (!writesObject || attributes.kind().isEmpty() || !ADMITTED_KINDS.contains(attributes.kind().get())) {
                return;
            }
            ResourceKind kind = attributes.kind().get();
            RequestBody body;
            try {
                body = RequestBody.read(request.getInputStream(), request.getContentType(),
                        request.getHeader("Content-Length"), maxRequestBytes);
            } catch (IOException e) {
                throw ApiException.badRequest("Failed to read the request body: " + e.getMessage());
            }
            forwarded = new BufferedRequest(request, body.bytes());
            tree = codec.decodeBody(kind, body.bytes(), body.isYaml());
            model = codec.toModel(kind, tree);
        }
    }
}
