package io.boss.store;

/** Raft role of a replica as seen from this one. */
public enum ReplicaRole { LEADER, FOLLOWER, CANDIDATE, UNREACHABLE }
