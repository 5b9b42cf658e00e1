package io.boss.server.security;

import io.boss.api.ResourceKind;
import io.boss.api.security.AccessReview;
import io.boss.server.errors.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/auth/can-i?verb=&resource=&namespace=&name=}: reports whether RBAC allows
 * the caller a request, as Kubernetes' SelfSubjectAccessReview does. Node restriction and isolation
 * policies look at the object itself, so they are not evaluated here. Every authenticated user may
 * ask about itself.
 */
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public final class AuthResource {

    private final SecurityComponents components;

    public AuthResource(SecurityComponents components) {
        this.components = components;
    }

    @GET
    @Path("can-i")
    public AccessReview canI(@Context HttpServletRequest request, @QueryParam("verb") String verb,
                             @QueryParam("resource") String resource, @QueryParam("namespace") String namespace,
                             @QueryParam("name") String name) {
        if (verb == null || verb.isBlank() || resource == null || resource.isBlank()) {
            throw ApiException.badRequest("Query parameters verb and resource are required, such as "
                    + "?verb=create&resource=pods&namespace=default");
        }
        UserInfo user = (UserInfo) request.getAttribute(SecurityFilter.USER_ATTRIBUTE);
        if (user == null) {
            user = UserInfo.ANONYMOUS_ADMIN;
        }
        String plural = resource.contains("/") ? resource.substring(0, resource.indexOf('/')) : resource;
        String subresource = resource.contains("/") ? resource.substring(resource.indexOf('/') + 1) : null;
        Optional<ResourceKind> kind = ResourceKind.fromPlural(plural);
        String effectiveNamespace = kind.isPresent() && !kind.get().namespaced() ? null : blankToNull(namespace);
        RequestAttributes attributes = new RequestAttributes(verb, resource, kind, subresource, effectiveNamespace,
                blankToNull(name), Map.of());

        if (!components.authenticationEnabled()) {
            return review(user, attributes, true, "authentication is off, so every request is allowed");
        }
        Authorizer.Decision decision = components.authorizer().authorize(user, attributes);
        return review(user, attributes, decision.allowed(), decision.reason());
    }

    private static AccessReview review(UserInfo user, RequestAttributes attributes, boolean allowed, String reason) {
        return new AccessReview(user.name(), user.groups(), attributes.verb(), attributes.resource(),
                attributes.namespace(), attributes.name(), allowed, reason);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
