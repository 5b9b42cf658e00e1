package io.boss.api.security;

import java.util.List;

/**
 * The response of {@code GET /api/v1/auth/can-i}: whether the caller may perform {@code verb} on
 * {@code resource}, with the reason (the role and binding that allowed it, or why nothing did).
 *
 * @param user      the caller's identity, such as {@code alice} or {@code system:node:node-1}
 * @param groups    the caller's groups
 * @param verb      get, list, watch, create, update or delete
 * @param resource  a plural such as {@code pods}, or a subresource such as {@code pods/status}
 * @param namespace the namespace asked about; null for cluster-scoped kinds or every namespace
 * @param name      the object asked about; null for any object
 * @param allowed   whether the request would be allowed
 * @param reason    the role and binding that allow it, or why the request would be rejected
 */
public record AccessReview(String user, List<String> groups, String verb, String resource, String namespace,
                           String name, boolean allowed, String reason) {

    public AccessReview {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }
}
