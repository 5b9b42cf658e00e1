package io.boss.runtime.namespaced;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.boss.api.model.Reason;
import io.boss.runtime.ProviderCapabilities;
import io.boss.runtime.ProviderRegistry;
import io.boss.runtime.SandboxSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BubblewrapSelfCheckTest {

    @TempDir
    Path stateDir;

    @Test
    void missingBwrapMakesProviderUnhealthy() {
        Path emptyBin = stateDir.resolve("empty-bin");
        BubblewrapProvider provider = new BubblewrapProvider(stateDir, Duration.ofSeconds(10), emptyBin.toString());

        ProviderCapabilities capabilities = provider.capabilities();
        ProviderRegistry registry = new ProviderRegistry(List.of(provider));

        assertFalse(capabilities.healthy());
        assertEquals("bwrap not installed (apt-get install bubblewrap)", capabilities.reason());
        assertEquals(Reason.ProviderUnavailable,
                registry.check(SandboxSpec.builder("x").command("true").build(), "namespaced").orElseThrow().reason());
    }
}
