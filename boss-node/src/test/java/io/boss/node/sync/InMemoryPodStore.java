package io.boss.node.sync;

import io.boss.api.json.Serialization;
import io.boss.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stores pods in memory with a revision counter and compare-and-set status writes, as the API
 * server does. Used only by the reconciler's own tests, which exercise real providers without a
 * server; the agent's integration tests run against a real server cluster.
 */
final class InMemoryPodStore implements PodStatusWriter {

    private final Map<String, Pod> pods = new ConcurrentHashMap<>();
    private final AtomicLong revision = new AtomicLong();
    private final Map<String, List<String>> writtenSandboxStates = new ConcurrentHashMap<>();

    Pod put(Pod pod) {
        Pod stored = Serialization.copy(pod);
        stored.getMetadata().setResourceVersion(Long.toString(revision.incrementAndGet()));
        pods.put(stored.key(), stored);
        return Serialization.copy(stored);
    }

    /** Returns the sandboxState of every status written for the pod, oldest first. */
    List<String> writtenSandboxStates(String key) {
        return List.copyOf(writtenSandboxStates.getOrDefault(key, List.of()));
    }

    Pod get(String key) {
        return Serialization.copy(pods.get(key));
    }

    @Override
    public synchronized Optional<Pod> writeStatus(Pod pod) throws StaleResourceVersionException {
        Pod current = pods.get(pod.key());
        if (current == null) {
            return Optional.empty();
        }
        if (!current.getMetadata().getResourceVersion().equals(pod.getMetadata().getResourceVersion())) {
            throw new StaleResourceVersionException("pod " + pod.key() + " is at resourceVersion "
                    + current.getMetadata().getResourceVersion());
        }
        Pod stored = Serialization.copy(current);
        stored.setStatus(Serialization.copy(pod.getStatus()));
        writtenSandboxStates.computeIfAbsent(pod.key(), key -> new CopyOnWriteArrayList<>())
                .add(String.valueOf(pod.getStatus().getSandboxState()));
        return Optional.of(put(stored));
    }
}
