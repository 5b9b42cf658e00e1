package io.boss.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedCapabilitiesTest {

    @Test
    void selfCheckRunsOncePerInterval() {
        AtomicInteger checks = new AtomicInteger();
        CachedCapabilities cached = new CachedCapabilities(() -> capabilities(checks.incrementAndGet()),
                Duration.ofHours(1));

        cached.get();
        cached.get();

        assertEquals(1, checks.get());
    }

    @Test
    void zeroIntervalChecksEveryTime() {
        AtomicInteger checks = new AtomicInteger();
        CachedCapabilities cached = new CachedCapabilities(() -> capabilities(checks.incrementAndGet()),
                Duration.ZERO);

        cached.get();
        ProviderCapabilities second = cached.get();

        assertEquals(2, checks.get());
        assertEquals("check 2", second.version());
    }

    private static ProviderCapabilities capabilities(int check) {
        return new ProviderCapabilities("test", true, null, "check " + check, Set.of(), Set.of(), Set.of(), Set.of(),
                null);
    }
}
