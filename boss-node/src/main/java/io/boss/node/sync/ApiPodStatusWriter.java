package io.boss.node.sync;

import io.boss.api.client.BossClient;
import io.boss.api.error.BossApiException;
import io.boss.api.error.ErrorReasons;
import io.boss.api.model.Pod;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes pod status through the API's status subresource. On a lost compare-and-set it re-reads
 * the pod and stores the fresh version in {@link DesiredPods}, so the retry that follows starts
 * from it.
 */
public final class ApiPodStatusWriter implements PodStatusWriter {

    private final BossClient client;
    private final DesiredPods desired;

    public ApiPodStatusWriter(BossClient client, DesiredPods desired) {
        this.client = client;
        this.desired = desired;
    }

    @Override
    public Optional<Pod> writeStatus(Pod pod) throws StaleResourceVersionException {
        try {
            return Optional.of(client.updateStatus(pod));
        } catch (BossApiException e) {
            if (e.is(ErrorReasons.NOT_FOUND)) {
                return Optional.empty();
            }
            if (!e.is(ErrorReasons.CONFLICT)) {
                throw e;
            }
        }

        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        Optional<Pod> fresh = client.get(Pod.class, namespace, name);
        fresh.filter(current -> Objects.equals(current.getMetadata().getUid(), pod.getMetadata().getUid()))
                .ifPresent(desired::upsert);
        throw new StaleResourceVersionException("pod " + pod.key() + " changed after resourceVersion "
                + pod.getMetadata().getResourceVersion());
    }
}
