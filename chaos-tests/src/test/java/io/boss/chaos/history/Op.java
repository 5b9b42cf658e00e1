package io.boss.chaos.history;

/**
 * One completed register operation as a client recorded it.
 *
 * @param id            index in the history, unique per run
 * @param client        the client thread that sent it; a client sends one operation at a time
 * @param replica       the replica it was sent to
 * @param key           the register's key
 * @param type          what it does
 * @param expected      for {@link OpType#CAS}, the value it expects; null otherwise
 * @param value         for a write, the value written; for a read, the value read (null: absent)
 * @param invokeNanos   {@link System#nanoTime()} before the request was sent
 * @param completeNanos {@link System#nanoTime()} after the response arrived; for {@link Outcome#UNKNOWN},
 *                      the time the client gave up, which is not a bound on when it takes effect
 * @param outcome       how it completed
 * @param detail        the status code or error text, for the history file
 */
public record Op(int id, int client, String replica, String key, OpType type, String expected, String value,
                 long invokeNanos, long completeNanos, Outcome outcome, String detail) {

    /** Returns true when the operation writes (everything except a read). */
    public boolean isWrite() {
        return type != OpType.READ;
    }
}
