package io.boss.node.registration;

import io.boss.api.client.BossClient;
import io.boss.api.error.BossApiException;
import io.boss.api.error.ErrorReasons;
import io.boss.api.json.Serialization;
import io.boss.api.model.Lease;
import io.boss.api.model.LeaseSpec;
import io.boss.api.model.Node;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews the node's heartbeat {@code Lease} (namespace {@value #NAMESPACE}, named after the node)
 * with compare-and-set. A lost race re-reads the lease and renews it in the same beat, because the
 * only other writer is a previous run of this agent or a controller resetting it.
 *
 * <p>Called from the heartbeat thread only.
 */
public final class LeaseHeartbeat {

    /** The namespace of node heartbeat leases, as {@code kube-node-lease} in Kubernetes. */
    public static final String NAMESPACE = Node.LEASE_NAMESPACE;

    private static final Logger LOG = LoggerFactory.getLogger(LeaseHeartbeat.class);
    private static final int MAX_ATTEMPTS = 3;

    private final BossClient client;
    private final String nodeName;
    private final int leaseDurationSeconds;
    private final Clock clock;
    private Lease current;
    private boolean failing;

    public LeaseHeartbeat(BossClient client, String nodeName, Duration leaseDuration, Clock clock) {
        this.client = client;
        this.nodeName = nodeName;
        this.leaseDurationSeconds = (int) Math.max(1, leaseDuration.toSeconds());
        this.clock = clock;
    }

    /** Renews the lease, creating it when it does not exist. Returns the stored lease. */
    public Lease renew() {
        for (int attempt = 1; ; attempt++) {
            try {
                Lease renewed = current == null ? createOrRead() : update(current);
                current = renewed;
                if (failing) {
                    LOG.info("lease renewal recovered node={} renewTime={}", nodeName, renewed.getSpec().getRenewTime());
                    failing = false;
                }
                return renewed;
            } catch (BossApiException e) {
                boolean stale = e.is(ErrorReasons.CONFLICT) || e.is(ErrorReasons.NOT_FOUND)
                        || e.is(ErrorReasons.ALREADY_EXISTS);
                if (!stale || attempt >= MAX_ATTEMPTS) {
                    failing = true;
                    throw e;
                }
                LOG.debug("lease renewal lost a race node={} attempt={}: {}", nodeName, attempt, e.getMessage());
                current = null;
            }
        }
    }

    private Lease createOrRead() {
        Optional<Lease> existing = client.get(Lease.class, NAMESPACE, nodeName);
        if (existing.isPresent()) {
            return update(existing.get());
        }
        Lease lease = new Lease(NAMESPACE, nodeName);
        Instant now = clock.instant();
        LeaseSpec spec = lease.getSpec();
        spec.setHolderIdentity(nodeName);
        spec.setLeaseDurationSeconds(leaseDurationSeconds);
        spec.setAcquireTime(now);
        spec.setRenewTime(now);
        spec.setLeaseTransitions(0);
        Lease created = client.create(lease);
        LOG.info("lease created node={} namespace={} leaseDurationSeconds={}", nodeName, NAMESPACE,
                leaseDurationSeconds);
        return created;
    }

    private Lease update(Lease lease) {
        Lease renewal = Serialization.copy(lease);
        LeaseSpec spec = renewal.getSpec();
        Instant now = clock.instant();
        if (!Objects.equals(spec.getHolderIdentity(), nodeName)) {
            spec.setHolderIdentity(nodeName);
            spec.setAcquireTime(now);
            spec.setLeaseTransitions(Objects.requireNonNullElse(spec.getLeaseTransitions(), 0) + 1);
        }
        spec.setLeaseDurationSeconds(leaseDurationSeconds);
        spec.setRenewTime(now);
        return client.update(renewal);
    }
}
