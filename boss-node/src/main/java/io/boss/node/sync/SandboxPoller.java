package io.boss.node.sync;

import io.boss.node.sync.SandboxInventory.OwnedSandbox;
import io.boss.runtime.SandboxStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns provider state changes into reconcile requests. Providers do not push events, so the
 * agent lists them at a fixed interval and queues each pod uid whose sandboxes changed (state,
 * exit code, appeared or disappeared), including uids no bound pod owns, which are orphans.
 * Called from one thread only.
 */
final class SandboxPoller {

    private record Fingerprint(String sandboxId, String provider, String state, Integer exitCode) {
    }

    private final SandboxInventory inventory;
    private final Consumer<String> enqueue;
    private Map<String, List<Fingerprint>> previous = Map.of();

    SandboxPoller(SandboxInventory inventory, Consumer<String> enqueue) {
        this.inventory = inventory;
        this.enqueue = enqueue;
    }

    /** Lists the providers once and queues every pod uid whose sandboxes changed since the last poll. */
    void poll() {
        Map<String, List<Fingerprint>> current = new HashMap<>();
        inventory.snapshot().forEach((uid, sandboxes) -> current.put(uid, fingerprints(sandboxes)));

        Set<String> uids = new HashSet<>(current.keySet());
        uids.addAll(previous.keySet());
        for (String uid : uids) {
            if (!current.getOrDefault(uid, List.of()).equals(previous.getOrDefault(uid, List.of()))) {
                enqueue.accept(uid);
            }
        }
        previous = current;
    }

    /** Returns every pod uid that has sandboxes, as of the last poll. */
    Set<String> knownUids() {
        return Set.copyOf(previous.keySet());
    }

    private static List<Fingerprint> fingerprints(List<OwnedSandbox> sandboxes) {
        return sandboxes.stream().map(sandbox -> {
            SandboxStatus status = sandbox.status();
            return new Fingerprint(status.sandboxId(), sandbox.provider().name(), status.state().name(),
                    status.exitCode());
        }).toList();
    }
}
