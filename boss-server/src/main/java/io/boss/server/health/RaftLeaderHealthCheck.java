package io.boss.server.health;

import com.codahale.metrics.health.HealthCheck;
import io.boss.store.Registry;

/** Healthy while this replica has a known Raft leader, so writes through it can commit. */
public final class RaftLeaderHealthCheck extends HealthCheck {

    private final Registry store;

    public RaftLeaderHealthCheck(Registry store) {
        this.store = store;
    }

    @Override
    protected Result check() {
        String leader = store.leaderId();
        if (leader == null) {
            return Result.unhealthy("No Raft leader is known in term " + store.currentTerm());
        }
        return Result.healthy("Leader " + leader + " in term " + store.currentTerm());
    }
}
