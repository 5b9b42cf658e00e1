package io.boss.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Caches a provider's self-check and runs it again when the cached result is older than the
 * refresh interval. Thread-safe; concurrent callers after expiry run the check once.
 */
public final class CachedCapabilities {

    private final Supplier<ProviderCapabilities> selfCheck;
    private final long refreshNanos;
    private ProviderCapabilities cached;
    private long checkedAtNanos;

    public CachedCapabilities(Supplier<ProviderCapabilities> selfCheck, Duration refreshInterval) {
        this.selfCheck = Objects.requireNonNull(selfCheck, "selfCheck");
        if (refreshInterval.isNegative()) {
            throw new IllegalArgumentException("refresh interval must not be negative, got " + refreshInterval);
        }
        this.refreshNanos = refreshInterval.toNanos();
    }

    /** Returns the cached self-check result, running the check first when it is missing or stale. */
    public synchronized ProviderCapabilities get() {
        long now = System.nanoTime();
        if (cached == null || now - checkedAtNanos >= refreshNanos) {
            cached = selfCheck.get();
            checkedAtNanos = now;
        }
        return cached;
    }
}
