package io.boss.server.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An authenticated caller: its user name and groups. Every authenticated user is also in
 * {@link #AUTHENTICATED}. Node agents authenticate as {@code system:node:<nodeName>} in
 * {@link #NODES}, as Kubernetes kubelets do.
 */
public record UserInfo(String name, List<String> groups) {

    /** Group of cluster administrators; bound to the built-in {@code admin} role. */
    public static final String MASTERS = "system:masters";
    /** Group of node agents; bound to the built-in {@code node} role and restricted to their own objects. */
    public static final String NODES = "system:nodes";
    /** Group every authenticated user belongs to. */
    public static final String AUTHENTICATED = "system:authenticated";
    /** Prefix of a node agent's user name, followed by the node name. */
    public static final String NODE_PREFIX = "system:node:";

    /** The caller when authentication is off: it may do everything. */
    public static final UserInfo ANONYMOUS_ADMIN = new UserInfo("system:anonymous", List.of(MASTERS));

    /** The caller of a request that failed authentication, as the audit log names it. */
    public static final UserInfo UNAUTHENTICATED = new UserInfo("system:unauthenticated", List.of());

    public UserInfo {
        groups = List.copyOf(groups);
    }

    /** Creates a user in {@code groups} and in {@link #AUTHENTICATED}. */
    public static UserInfo authenticated(String name, List<String> groups) {
        List<String> all = new ArrayList<>(groups);
        if (!all.contains(AUTHENTICATED)) {
            all.add(AUTHENTICATED);
        }
        return new UserInfo(name, all);
    }

    /** Returns the node name when this user is a node agent in {@link #NODES}. */
    public Optional<String> nodeName() {
        if (groups.contains(NODES) && name.startsWith(NODE_PREFIX) && name.length() > NODE_PREFIX.length()) {
            return Optional.of(name.substring(NODE_PREFIX.length()));
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return name;
    }
}
