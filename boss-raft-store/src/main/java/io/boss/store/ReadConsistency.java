package io.boss.store;

/** How fresh a read must be. */
public enum ReadConsistency {
    /** Linearizable: served after a Ratis read-index round confirms this replica is up to date. */
    LINEARIZABLE,
    /** Whatever this replica has applied, with no round trip; may be stale on a follower. */
    LOCAL
}
