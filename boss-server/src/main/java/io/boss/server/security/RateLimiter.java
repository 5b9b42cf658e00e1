package io.boss.server.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per user: each user may send {@code burst} requests at once and
 * {@code perSecond} requests per second after that. Buckets of users idle long enough to be full
 * again are dropped, so the map stays as small as the set of active users. Thread-safe.
 */
public final class RateLimiter {

    private static final int PRUNE_THRESHOLD = 10_000;

    private final double perSecond;
    private final int burst;
    private final LongSupplier nanoClock;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double perSecond, int burst, LongSupplier nanoClock) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
    }

    /** Takes one token from {@code user}'s bucket; returns false when the bucket is empty. */
    public boolean tryAcquire(String user) {
        if (buckets.size() > PRUNE_THRESHOLD) {
            prune();
        }
        Bucket bucket = buckets.computeIfAbsent(user, ignored -> new Bucket(burst, nanoClock.getAsLong()));
        synchronized (bucket) {
            refill(bucket);
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }

    /** Returns the seconds until {@code user} has a token again, at least 1, for the Retry-After header. */
    public long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(1 / perSecond));
    }

    private void refill(Bucket bucket) {
        long now = nanoClock.getAsLong();
        double earned = (now - bucket.updatedNanos) / 1e9 * perSecond;
        bucket.tokens = Math.min(burst, bucket.tokens + earned);
        bucket.updatedNanos = now;
    }

    private void prune() {
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                refill(bucket);
                return bucket.tokens >= burst;
            }
        });
    }

    private static final class Bucket {
        private double tokens;
        private long updatedNanos;

        Bucket(double tokens, long updatedNanos) {
            this.tokens = tokens;
            this.updatedNanos = updatedNanos;
        }
    }
}
