package io.boss.cli.client;

import io.boss.api.ResourceKind;
import io.boss.api.client.WatchListener;
import io.boss.api.model.ClusterView;
import io.boss.api.model.ObjectList;
import io.boss.api.model.Resource;
import io.boss.api.security.AccessReview;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The API operations bossctl's commands use, addressed by {@link ResourceKind} so a command can
 * work on any kind the user names. {@link BossClientApi} implements them with the boss Java
 * client, which fails over between the endpoints.
 *
 * <p>Every method throws {@link io.boss.api.error.BossApiException} for an error the server
 * returned and {@link UnreachableClusterException} when no endpoint could be reached.
 */
public interface ClusterApi extends AutoCloseable {

    /** Returns the endpoint URLs in the order they are tried. */
    List<String> endpoints();

    /** Reads one object; empty when it does not exist. A null namespace is for cluster-scoped kinds. */
    Optional<Resource> get(ResourceKind kind, String namespace, String name);

    /** Lists objects; a null namespace lists every namespace. Selectors may be null. */
    ObjectList<Resource> list(ResourceKind kind, String namespace, String labelSelector, String fieldSelector);

    /** Creates an object and returns it as stored. */
    Resource create(Resource object);

    /** Replaces an object, compare-and-set on {@code metadata.resourceVersion} when it is set. */
    Resource update(Resource object);

    /** Deletes an object and returns its last state. */
    Resource delete(ResourceKind kind, String namespace, String name);

    /**
     * Watches objects from {@code resourceVersion} until the returned handle is closed, with the
     * delivery contract of {@link WatchListener}: events in revision order on the watch's own
     * thread, resumed on another endpoint when a stream breaks, and a resync after 410 Expired.
     */
    AutoCloseable watch(ResourceKind kind, String namespace, String labelSelector, String fieldSelector,
            String resourceVersion, WatchListener<Resource> listener);

    /** Returns the control plane as seen by the replica that served the request. */
    ClusterView cluster();

    /**
     * Returns the control plane as seen by the replica at {@code endpoint} alone, without failing
     * over to another one. Returns empty when that replica does not respond within a few seconds.
     */
    default Optional<ClusterView> clusterAt(String endpoint) {
        return Optional.empty();
    }

    /** Opens a pod's log stream; with {@code follow} it stays open while the sandbox runs. */
    InputStream podLogs(String namespace, String name, boolean follow, Integer tailLines);

    /**
     * Asks whether the caller may perform {@code verb} on {@code resource} (a plural, or a
     * subresource such as {@code pods/status}) in {@code namespace}, null for cluster-scoped kinds.
     */
    default AccessReview canI(String verb, String resource, String namespace, String name) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot review access");
    }

    @Override
    void close();
}
