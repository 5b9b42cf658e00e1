package io.boss.node.sync;

import io.boss.runtime.SandboxException;
import io.boss.runtime.SandboxProvider;
import io.boss.runtime.SandboxStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandboxes of the node's providers, grouped by the pod uid encoded in each sandbox id. Sandboxes
 * whose id was not made by {@link SandboxIds} are not the agent's and are left alone.
 */
public final class SandboxInventory {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxInventory.class);

    /** One sandbox with the provider that runs it and the pod run it belongs to. */
    public record OwnedSandbox(SandboxProvider provider, SandboxStatus status, int run) {

        public String sandboxId() {
            return status.sandboxId();
        }
    }

    private final List<SandboxProvider> providers;

    public SandboxInventory(List<SandboxProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    /**
     * Lists every provider's sandboxes, by pod uid, each pod's sorted by run. A provider whose
     * list fails is skipped and logged, so its sandboxes are absent from this snapshot only.
     */
    public Map<String, List<OwnedSandbox>> snapshot() {
        Map<String, List<OwnedSandbox>> byPod = new HashMap<>();
        for (SandboxProvider provider : providers) {
            try {
                addAll(byPod, provider, provider.list());
            } catch (SandboxException | RuntimeException e) {
                LOG.warn("listing sandboxes failed provider={}: {}", provider.name(), e.getMessage());
            }
        }
        byPod.values().forEach(sandboxes -> sandboxes.sort(Comparator.comparingInt(OwnedSandbox::run)));
        return byPod;
    }

    /**
     * Returns the pod's sandboxes across all providers, sorted by run. Each provider is asked only
     * for ids with the pod's prefix, so a reconcile does not read every sandbox on the node.
     *
     * @throws SandboxException when a provider cannot list, because acting on a partial view
     *     could start a run that already exists elsewhere
     */
    public List<OwnedSandbox> ofPod(String podUid) throws SandboxException {
        Map<String, List<OwnedSandbox>> byPod = new HashMap<>();
        for (SandboxProvider provider : providers) {
            addAll(byPod, provider, provider.list(SandboxIds.idPrefix(podUid)));
        }
        List<OwnedSandbox> sandboxes = byPod.getOrDefault(podUid, new ArrayList<>());
        sandboxes.sort(Comparator.comparingInt(OwnedSandbox::run));
        return sandboxes;
    }

    private static void addAll(Map<String, List<OwnedSandbox>> byPod, SandboxProvider provider,
            List<SandboxStatus> statuses) {
        for (SandboxStatus status : statuses) {
            SandboxIds.parse(status.sandboxId()).ifPresent(parsed -> byPod
                    .computeIfAbsent(parsed.podUid(), uid -> new ArrayList<>())
                    .add(new OwnedSandbox(provider, status, parsed.run())));
        }
    }
}
