package io.boss.chaos.history;

/** An operation on one register key; every write writes a value no other write uses. */
public enum OpType {
    /** Reads the value; an absent key reads as null. */
    READ,
    /** Creates the key with a value; fails when the key exists. */
    CREATE,
    /** Replaces the value of an existing key without a precondition; fails when the key is absent. */
    WRITE,
    /** Replaces the value only when it is still {@code expected}; fails otherwise. */
    CAS,
    /** Removes the key; fails when it is absent. */
    DELETE
}
