package io.boss.store;

/**
 * Notified when this replica gains or loses Raft leadership. Called on a dedicated notification
 * thread in the order the changes happened; implementations must not block for long.
 */
public interface LeadershipListener {

    /** This replica became leader in {@code term} and has applied every entry of earlier terms. */
    void onLeaderElected(long term);

    /** This replica is no longer leader of {@code term} (stepped down, lost quorum or shut down). */
    void onLeaderLost(long term);
}
