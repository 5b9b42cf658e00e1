package io.boss.server.security;

import io.boss.api.ResourceKind;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an HTTP request would do, in the terms roles grant: a verb (get, list, watch, create,
 * update, delete), a resource (a plural such as {@code pods}, or {@code pods/status} for the status
 * subresource), and the namespace and name when the path names them.
 *
 * <p>{@code kind} is empty for paths that name no object kind: {@code /api/v1/cluster} is the
 * resource {@code cluster}, {@code /api/v1/auth/...} is {@link #isSelfReview() a self review}
 * every authenticated user may make, and any other path is the resource {@code nonresource:<path>},
 * which only a {@code *} rule grants.
 */
public record RequestAttributes(String verb, String resource, Optional<ResourceKind> kind, String subresource,
                                String namespace, String name, Map<String, String> query) {

    private static final String API_PREFIX = "/api/v1/";

    /** Parses a request's method, path (without the context path) and raw query string. */
    public static RequestAttributes parse(String method, String path, String rawQuery) {
        Map<String, String> query = parseQuery(rawQuery);
        if (!path.startsWith(API_PREFIX)) {
            return nonResource(method, path, query);
        }
        String[] segments = path.substring(API_PREFIX.length()).split("/");

        String namespace = null;
        int index = 0;
        if (segments.length >= 3 && segments[0].equals("namespaces")) {
            namespace = segments[1];
            index = 2;
        }
        int remaining = segments.length - index;
        if (remaining < 1 || remaining > 3 || segments[index].isEmpty()) {
            return nonResource(method, path, query);
        }
        String plural = segments[index];
        if (namespace == null && plural.equals("cluster") && remaining == 1) {
            return new RequestAttributes(verbOf(method, true, query), "cluster", Optional.empty(), null, null, null,
                    query);
        }
        if (namespace == null && plural.equals("auth")) {
            return new RequestAttributes("get", "auth", Optional.empty(), null, null, null, query);
        }
        Optional<ResourceKind> kind = ResourceKind.fromPlural(plural);
        if (kind.isEmpty()) {
            return nonResource(method, path, query);
        }

        String name = remaining >= 2 ? segments[index + 1] : null;
        String subresource = remaining == 3 ? segments[index + 2] : null;
        String resource = subresource == null ? plural : plural + "/" + subresource;
        return new RequestAttributes(verbOf(method, name != null, query), resource, kind, subresource, namespace, name,
                query);
    }

    /** Returns true for the {@code /api/v1/auth/...} paths where a user asks about itself. */
    public boolean isSelfReview() {
        return resource.equals("auth");
    }

    /** Returns true for create, update and delete. */
    public boolean isMutating() {
        return verb.equals("create") || verb.equals("update") || verb.equals("delete");
    }

    public boolean isWatch() {
        return verb.equals("watch");
    }

    /** Returns the field selector of a list or watch, or null. */
    public String fieldSelector() {
        return query.get("fieldSelector");
    }

    /** Describes the target for messages and the audit log, such as {@code pods "web" in namespace "default"}. */
    public String describeTarget() {
        StringBuilder target = new StringBuilder(resource);
        if (name != null) {
            target.append(" \"").append(name).append('"');
        }
        if (namespace != null) {
            target.append(" in namespace \"").append(namespace).append('"');
        } else if (kind.isPresent() && kind.get().namespaced()) {
            target.append(" in all namespaces");
        }
        return target.toString();
    }

    private static RequestAttributes nonResource(String method, String path, Map<String, String> query) {
        return new RequestAttributes(verbOf(method, true, query), "nonresource:" + path, Optional.empty(), null, null,
                null, query);
    }

    private static String verbOf(String method, boolean named, Map<String, String> query) {
        switch (method.toUpperCase(Locale.ROOT)) {
            case "POST":
                return "create";
            case "PUT":
            case "PATCH":
                return "update";
            case "DELETE":
                return "delete";
            default:
                if (named) {
                    return "get";
                }
                String watch = query.getOrDefault("watch", "");
                return watch.equals("true") || watch.equals("1") ? "watch" : "list";
        }
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            query.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return query;
    }
}
