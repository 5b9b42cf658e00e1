package io.boss.server.health;

import com.codahale.metrics.health.HealthCheck;
import io.boss.store.Registry;
import io.boss.store.ReplicaInfo;

/**
 * Healthy while this replica's applied index is within {@code maxLag} entries of its commit
 * index, so its local reads and watches are close to current.
 */
public final class RaftCaughtUpHealthCheck extends HealthCheck {

    private final Registry store;
    private final long maxLag;

    public RaftCaughtUpHealthCheck(Registry store, long maxLag) {
        this.store = store;
        this.maxLag = maxLag;
    }

    @Override
    protected Result check() {
        ReplicaInfo self = store.replicas().stream()
                .filter(replica -> replica.id().equals(store.replicaId()))
                .findFirst()
                .orElse(null);
        if (self == null || self.commitIndex() < 0 || self.appliedIndex() < 0) {
            return Result.unhealthy("This replica does not know its own commit and applied indexes yet");
        }

        long lag = self.commitIndex() - self.appliedIndex();
        if (lag > maxLag) {
            return Result.unhealthy("Applied index " + self.appliedIndex() + " is " + lag
                    + " entries behind commit index " + self.commitIndex() + " (maximum " + maxLag + ")");
        }
        return Result.healthy("Applied index " + self.appliedIndex() + ", commit index " + self.commitIndex());
    }
}
