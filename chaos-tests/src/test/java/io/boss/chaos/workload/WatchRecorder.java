package io.boss.chaos.workload;

import io.boss.api.client.BossClient;
import io.boss.api.client.WatchHandle;
import io.boss.api.client.WatchListener;
import io.boss.api.model.Lease;
import io.boss.api.model.Pod;
import io.boss.api.model.WatchEvent;
import io.boss.api.model.WatchEventType;
import io.boss.chaos.checker.PodChecker;
import io.boss.chaos.checker.WatchLog;
import io.boss.chaos.checker.WatchLog.KeyState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens watches through {@link BossClient} (which resumes them across replicas) and records what they deliver. */
public final class WatchRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(WatchRecorder.class);

    private WatchRecorder() {
    }

    /** Watches the register Leases of {@code namespace} from {@code fromRevision} into {@code log}. */
    public static WatchHandle watchRegisters(BossClient client, String namespace, long fromRevision, WatchLog log) {
        log.startSegment(fromRevision, Map.of());
        return client.watch(Lease.class, namespace, null, null, Long.toString(fromRevision), new WatchListener<Lease>() {
            @Override
            public void onEvent(WatchEvent<Lease> event) {
                Lease lease = event.getObject();
                long revision = Long.parseLong(lease.getMetadata().getResourceVersion());
                String value = event.getType() == WatchEventType.DELETED ? null : lease.getSpec().getHolderIdentity();
                log.change(new WatchLog.Change(revision, event.getType().name(), lease.getMetadata().getName(), value));
            }

            @Override
            public void onResync(List<Lease> items, String resourceVersion) {
                LOG.info("watch {} re-listed at revision {}", log.name(), resourceVersion);
                Map<String, KeyState> base = new LinkedHashMap<>();
                for (Lease lease : items) {
                    base.put(lease.getMetadata().getName(), new KeyState(lease.getSpec().getHolderIdentity(),
                            Long.parseLong(lease.getMetadata().getResourceVersion())));
                }
                log.startSegment(Long.parseLong(resourceVersion), base);
            }

            @Override
            public void onBookmark(String resourceVersion) {
                log.bookmark(Long.parseLong(resourceVersion));
            }

            @Override
            public void onClose(Throwable error) {
                if (error != null) {
                    LOG.warn("watch {} stopped: {}", log.name(), error.toString());
                }
            }
        });
    }

    /** Watches every pod of {@code namespace} and hands each state to {@code checker}. */
    public static WatchHandle watchPods(BossClient client, String namespace, PodChecker checker) {
        return client.watch(Pod.class, namespace, null, null, null, new WatchListener<Pod>() {
            @Override
            public void onEvent(WatchEvent<Pod> event) {
                observe(event.getObject());
            }

            @Override
            public void onResync(List<Pod> items, String resourceVersion) {
                items.forEach(this::observe);
            }

            private void observe(Pod pod) {
                String startTime = pod.getStatus() == null || pod.getStatus().getStartTime() == null ? null
                        : pod.getStatus().getStartTime().toString();
                String sandboxId = pod.getStatus() == null ? null : pod.getStatus().getSandboxId();
                checker.observePod(pod.getMetadata().getUid(), pod.getMetadata().getName(), pod.getSpec().getNodeName(),
                        sandboxId, startTime);
            }
        });
    }
}
