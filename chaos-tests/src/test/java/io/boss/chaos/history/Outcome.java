package io.boss.chaos.history;

/** How an operation completed, as seen by the client that sent it. */
public enum Outcome {
    /** Acknowledged: it took effect (or, for a read, returned {@code Op#observed}). */
    OK,
    /** Rejected with a definite answer (404 NotFound, 409 AlreadyExists or Conflict): it took no effect. */
    FAIL,
    /** Timed out, lost its connection or got 5xx: it may or may not take effect, at any time after its invocation. */
    UNKNOWN
}
