package io.boss.store;

/**
 * One replica of the group as this replica sees it. Indexes are -1 where this replica cannot know
 * them (a follower learns only its own indexes).
 */
public record ReplicaInfo(String id, String raftAddress, ReplicaRole role, long commitIndex, long appliedIndex) {
}
