package io.boss.server.security;

import io.boss.api.ResourceKind;
import io.boss.api.model.ClusterRole;
import io.boss.api.model.ClusterRoleBinding;
import io.boss.api.model.IsolationPolicy;
import io.boss.api.model.Resource;
import io.boss.api.model.Role;
import io.boss.api.model.RoleBinding;
import io.boss.server.informer.Indexer;
import io.boss.server.informer.Indexers;
import io.boss.server.informer.Informer;
import io.boss.server.informer.StoreListerWatcher;
import io.boss.server.informer.TypedCodec;
import io.boss.store.Registry;
import io.dropwizard.lifecycle.Managed;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * This replica's cache of roles, bindings and isolation policies, kept by one informer per kind
 * from the replica's own store, so checking a request costs no store read.
 *
 * <p>The cache follows the log this replica has applied: a binding committed through another
 * replica takes effect here once this replica applies it, usually within milliseconds. Until the
 * first list completes after start, only the built-in roles and bindings apply.
 */
public final class SecurityObjects implements Managed {

    private static final Duration RETRY_DELAY = Duration.ofMillis(500);

    private final Informer<Role> roles;
    private final Informer<ClusterRole> clusterRoles;
    private final Informer<RoleBinding> roleBindings;
    private final Informer<ClusterRoleBinding> clusterRoleBindings;
    private final Informer<IsolationPolicy> isolationPolicies;

    public SecurityObjects(Registry store) {
        roles = informer(store, ResourceKind.ROLE, Role.class);
        clusterRoles = informer(store, ResourceKind.CLUSTER_ROLE, ClusterRole.class);
        roleBindings = informer(store, ResourceKind.ROLE_BINDING, RoleBinding.class);
        clusterRoleBindings = informer(store, ResourceKind.CLUSTER_ROLE_BINDING, ClusterRoleBinding.class);
        isolationPolicies = informer(store, ResourceKind.ISOLATION_POLICY, IsolationPolicy.class);
    }

    private static <T extends Resource> Informer<T> informer(Registry store, ResourceKind kind, Class<T> type) {
        Indexer<T> indexer = Indexers.standard();
        return new Informer<>("security-" + kind.plural(), new StoreListerWatcher<>(store, TypedCodec.of(kind, type)),
                indexer, RETRY_DELAY);
    }

    private List<Informer<?>> all() {
        return List.of(roles, clusterRoles, roleBindings, clusterRoleBindings, isolationPolicies);
    }

    @Override
    public void start() {
        all().forEach(Informer::start);
    }

    @Override
    public void stop() throws InterruptedException {
        for (Informer<?> informer : all()) {
            informer.stop();
        }
    }

    /** Returns true once every cache holds its first list. */
    public boolean hasSynced() {
        return all().stream().allMatch(Informer::hasSynced);
    }

    public Optional<Role> role(String namespace, String name) {
        return roles.indexer().get(namespace + "/" + name);
    }

    public Optional<ClusterRole> clusterRole(String name) {
        return clusterRoles.indexer().get(name);
    }

    public List<RoleBinding> roleBindings(String namespace) {
        return roleBindings.indexer().byIndex(Indexers.NAMESPACE, namespace);
    }

    public List<ClusterRoleBinding> clusterRoleBindings() {
        return clusterRoleBindings.indexer().list();
    }

    public List<IsolationPolicy> isolationPolicies(String namespace) {
        return isolationPolicies.indexer().byIndex(Indexers.NAMESPACE, namespace);
    }
}
