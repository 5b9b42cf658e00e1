package io.boss.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.boss.runtime.SandboxSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The resource options of {@code podman create}, read from the argument list the provider builds. */
class ContainerArgumentsTest {

    @Test
    void zeroCpuRequestGetsMinimumShares() {
        List<String> arguments = arguments(SandboxSpec.builder("zero").cpuRequest(0L).build());

        assertEquals("2", valueOf(arguments, "--cpu-shares"));
        assertFalse(arguments.contains("--cpus"));
    }

    @Test
    void cpuLimitBelowTenMillicoresIsRaised() {
        List<String> arguments = arguments(SandboxSpec.builder("tiny").resources(1L, null).build());

        assertEquals("0.010", valueOf(arguments, "--cpus"));
    }

    @Test
    void requestAndLimitMapToSharesAndQuota() {
        List<String> arguments = arguments(SandboxSpec.builder("both").resources(1500L, 64L << 20).cpuRequest(250L).build());

        assertEquals("1.500", valueOf(arguments, "--cpus"));
        assertEquals("256", valueOf(arguments, "--cpu-shares"));
        assertEquals(Long.toString(64L << 20), valueOf(arguments, "--memory"));
    }

    private static List<String> arguments(SandboxSpec spec) {
        return ContainerArguments.create(spec, "boss-" + spec.sandboxId(), "localhost/image", "sha256:spec", List.of());
    }

    private static String valueOf(List<String> arguments, String option) {
        int index = arguments.indexOf(option);
        return index < 0 ? null : arguments.get(index + 1);
    }
}
