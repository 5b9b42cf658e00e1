package io.boss.chaos.nemesis;

/** The faults the schedule injects; each is undone (restart, resume or heal) before the next one. */
public enum Fault {
    /** SIGKILL the Raft leader, then restart it with the same data directory. */
    KILL_LEADER,
    /** SIGKILL a follower, then restart it with the same data directory. */
    KILL_FOLLOWER,
    /** SIGSTOP the leader, then SIGCONT it. */
    PAUSE_LEADER,
    /**
     * SIGSTOP a follower, then SIGCONT it. The kernel still accepts connections to a stopped
     * process, so clients and agents that use it see requests hang rather than fail.
     */
    PAUSE_FOLLOWER,
    /** Cut every Raft link to and from one replica, the leader half of the time, then restore them. */
    PARTITION_ONE,
    /** SIGKILL a node agent, then restart it with the same state directory. */
    KILL_AGENT,
    /** Isolate the leader and SIGKILL a node agent at once, then undo both. */
    PARTITION_LEADER_AND_KILL_AGENT
}
