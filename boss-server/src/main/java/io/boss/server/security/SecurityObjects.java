package io.boss.server.security;

import io.boss.api.ResourceKind;
import io.boss.api.model.ClusterRole;
import io.boss.api.model.ClusterRoleBinding;
import io.boss.api.model.IsolationPolicy;
import io.boss.api.model.Resource;
import io.boss.api.model.Role;
import io.boss.api.model.RoleBinding;
import io.boss.server.informer.TypedCodec;
import io.boss.server.registry.RegistryKeys;
import io.boss.store.KeyValue;
import io.boss.store.ReadConsistency;
import io.boss.store.Registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Reads roles, bindings and isolation policies from this replica's own applied state
 * ({@link ReadConsistency#LOCAL}), so checking a request costs no Raft round trip. Decoded objects
 * are cached by key and revision, so each stored version is parsed once.
 *
 * <p>The view follows the log this replica has applied: a binding committed through another
 * replica takes effect here once this replica applies it, usually within milliseconds. Every
 * lookup throws the store's {@link io.boss.store.StoreException} when the store is closed.
 * Thread-safe.
 */
public final class SecurityObjects {

    /** Cached versions above which the cache is emptied, so objects deleted long ago do not pile up. */
    private static final int MAX_CACHED = 10_000;

    private final Registry store;
    private final ConcurrentMap<String, Decoded> decoded = new ConcurrentHashMap<>();

    public SecurityObjects(Registry store) {
        this.store = store;
    }

    public Optional<Role> role(String namespace, String name) {
        return get(TypedCodec.of(ResourceKind.ROLE, Role.class), namespace, name);
    }

    public Optional<ClusterRole> clusterRole(String name) {
        return get(TypedCodec.of(ResourceKind.CLUSTER_ROLE, ClusterRole.class), null, name);
    }

    public List<RoleBinding> roleBindings(String namespace) {
        return list(TypedCodec.of(ResourceKind.ROLE_BINDING, RoleBinding.class), namespace);
    }

    public List<ClusterRoleBinding> clusterRoleBindings() {
        return list(TypedCodec.of(ResourceKind.CLUSTER_ROLE_BINDING, ClusterRoleBinding.class), null);
    }

    public List<IsolationPolicy> isolationPolicies(String namespace) {
        return list(TypedCodec.of(ResourceKind.ISOLATION_POLICY, IsolationPolicy.class), namespace);
    }

    private <T extends Resource> Optional<T> get(TypedCodec<T> codec, String namespace, String name) {
        KeyValue entry = join(store.get(RegistryKeys.key(codec.kind(), namespace, name), ReadConsistency.LOCAL));
        return entry == null ? Optional.empty() : Optional.of(decode(codec, entry));
    }

    private <T extends Resource> List<T> list(TypedCodec<T> codec, String namespace) {
        List<KeyValue> entries = join(store.list(RegistryKeys.prefix(codec.kind(), namespace), ReadConsistency.LOCAL))
                .entries();
        List<T> objects = new ArrayList<>(entries.size());
        for (KeyValue entry : entries) {
            objects.add(decode(codec, entry));
        }
        return objects;
    }

    @SuppressWarnings("unchecked")
    private <T extends Resource> T decode(TypedCodec<T> codec, KeyValue entry) {
        Decoded cached = decoded.get(entry.key());
        if (cached != null && cached.modRevision() == entry.modRevision()) {
            // The key's prefix fixes the kind, so a cached object under it has the codec's type.
            return (T) cached.object();
        }
        if (decoded.size() > MAX_CACHED) {
            decoded.clear();
        }
        T object = codec.decode(entry);
        decoded.put(entry.key(), new Decoded(entry.modRevision(), object));
        return object;
    }

    /** Returns the value of a local read, which completes before it is returned. */
    private static <T> T join(CompletableFuture<T> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private record Decoded(long modRevision, Resource object) {
    }
}
