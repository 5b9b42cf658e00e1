package io.boss.runtime;

/**
 * Converts a CPU request to a cgroup v1 {@code cpu.shares} weight as the kubelet does: 1024
 * shares per CPU, at least 2 (the kernel's minimum) and at most 262144 (its maximum).
 */
public final class CpuShares {

    private static final long SHARES_PER_CPU = 1024;
    private static final long MIN_SHARES = 2;
    private static final long MAX_SHARES = 262_144;

    private CpuShares() {
    }

    public static long of(long millicores) {
        long shares = millicores * SHARES_PER_CPU / 1000;
        return Math.max(MIN_SHARES, Math.min(MAX_SHARES, shares));
    }
}
