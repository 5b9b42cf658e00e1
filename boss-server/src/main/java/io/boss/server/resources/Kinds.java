package io.boss.server.resources;

import io.boss.api.ResourceKind;
import io.boss.server.errors.ApiException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Resolves the plural in a URL to a kind, with 404 errors that name the path to use instead. */
final class Kinds {

    private static final String PLURALS =
            Arrays.stream(ResourceKind.values()).map(ResourceKind::plural).collect(Collectors.joining(", "));

    private Kinds() {
    }

    /** Resolves a kind reached through {@code /api/v1/namespaces/{ns}/{plural}}. */
    static ResourceKind namespaced(String plural) {
        ResourceKind kind = any(plural);
        if (!kind.namespaced()) {
            throw ApiException.notFound(kind.kind() + " is cluster-scoped; use " + kind.path(null, null)
                    + " without a namespace");
        }
        return kind;
    }

    /** Resolves a kind whose single objects are reached through {@code /api/v1/{plural}/{name}}. */
    static ResourceKind clusterScoped(String plural) {
        ResourceKind kind = any(plural);
        if (kind.namespaced()) {
            throw ApiException.notFound(kind.kind() + " is namespaced; use /api/v1/namespaces/{namespace}/"
                    + kind.plural() + "/{name}");
        }
        return kind;
    }

    /** Resolves any kind, as lists and watches across namespaces accept. */
    static ResourceKind any(String plural) {
        return ResourceKind.fromPlural(plural).orElseThrow(() -> ApiException.notFound(
                "Unknown resource type '" + plural + "'; the API serves " + PLURALS));
    }
}
