package io.boss.server.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Counts the open watches of each user on this replica and rejects one above the maximum. Thread-safe. */
public final class WatchLimiter {

    private final int maxPerUser;
    private final ConcurrentMap<String, Integer> open = new ConcurrentHashMap<>();

    public WatchLimiter(int maxPerUser) {
        this.maxPerUser = maxPerUser;
    }

    /** Counts one more watch for {@code user}; returns false, counting nothing, when the user is at the maximum. */
    public boolean tryOpen(String user) {
        boolean[] opened = new boolean[1];
        open.compute(user, (name, count) -> {
            int current = count == null ? 0 : count;
            opened[0] = current < maxPerUser;
            return opened[0] ? current + 1 : current;
        });
        return opened[0];
    }

    /** Counts one watch of {@code user} as closed. */
    public void close(String user) {
        open.computeIfPresent(user, (name, count) -> count <= 1 ? null : count - 1);
    }

    public int maxPerUser() {
        return maxPerUser;
    }
}
