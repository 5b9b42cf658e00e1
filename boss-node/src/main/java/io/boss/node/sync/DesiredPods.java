package io.boss.node.sync;

import io.boss.api.model.Pod;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pods bound to this node as last seen through the API, keyed by pod uid, plus the last
 * state of pods that went away (deleted or bound elsewhere) until their sandboxes are torn down.
 * Keying by uid keeps a deleted pod and a new pod of the same name apart. Thread-safe.
 */
public final class DesiredPods {

    private final Map<String, Pod> bound = new ConcurrentHashMap<>();
    private final Map<String, Pod> departed = new ConcurrentHashMap<>();

    /**
     * Stores the pod unless a newer version of it is already stored, so a late watch event does
     * not undo a status the agent has just written. Returns the pod's uid.
     */
    public String upsert(Pod pod) {
        String uid = uid(pod);
        bound.merge(uid, pod, (current, incoming) -> isNewer(incoming, current) ? incoming : current);
        departed.remove(uid);
        return uid;
    }

    /** Moves the pod to the departed pods. Returns its uid. */
    public String remove(Pod pod) {
        String uid = uid(pod);
        Pod last = bound.remove(uid);
        departed.put(uid, last != null ? last : pod);
        return uid;
    }

    /** Replaces every bound pod by the listed ones and returns the uids that changed or left. */
    public Set<String> replaceAll(Collection<Pod> pods) {
        Set<String> touched = new HashSet<>(bound.keySet());
        Set<String> listed = new HashSet<>();
        for (Pod pod : pods) {
            listed.add(upsert(pod));
        }
        for (String uid : Set.copyOf(bound.keySet())) {
            if (!listed.contains(uid)) {
                remove(bound.get(uid));
            }
        }
        touched.addAll(listed);
        return touched;
    }

    /** Returns the bound pod with that uid. */
    public Optional<Pod> get(String uid) {
        return Optional.ofNullable(bound.get(uid));
    }

    /** Returns the last known state of a pod that is no longer bound here. */
    public Optional<Pod> departed(String uid) {
        return Optional.ofNullable(departed.get(uid));
    }

    /** Drops what is kept of a departed pod, once its sandboxes are gone. */
    public void forgetDeparted(String uid) {
        departed.remove(uid);
    }

    /** Returns the bound pod with that namespace and name, else the departed one. */
    public Optional<Pod> findByName(String namespace, String name) {
        String key = namespace + "/" + name;
        Optional<Pod> found = bound.values().stream().filter(pod -> key.equals(pod.key())).findFirst();
        return found.or(() -> departed.values().stream().filter(pod -> key.equals(pod.key())).findFirst());
    }

    /** Returns the uids of every bound pod. */
    public Set<String> boundUids() {
        return Set.copyOf(bound.keySet());
    }

    /** Returns the uid as sandbox ids carry it. */
    public static String uid(Pod pod) {
        String uid = pod.getMetadata().getUid();
        if (uid == null || uid.isBlank()) {
            throw new IllegalArgumentException("pod " + pod.key() + " has no metadata.uid");
        }
        return SandboxIds.sanitize(uid);
    }

    private static boolean isNewer(Pod incoming, Pod current) {
        return revision(incoming) >= revision(current);
    }

    private static long revision(Pod pod) {
        String resourceVersion = pod.getMetadata().getResourceVersion();
        if (resourceVersion == null || resourceVersion.isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(resourceVersion);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
