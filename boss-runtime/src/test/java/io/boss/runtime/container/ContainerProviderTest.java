package io.boss.runtime.container;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.boss.api.model.ArtifactType;
import io.boss.api.model.IsolationLevel;
import io.boss.api.model.NetworkMode;
import io.boss.api.model.Reason;
import io.boss.api.model.SandboxClass;
import io.boss.runtime.LogOptions;
import io.boss.runtime.ProviderCapabilities;
import io.boss.runtime.SandboxArtifact;
import io.boss.runtime.SandboxException;
import io.boss.runtime.SandboxSpec;
import io.boss.runtime.SandboxState;
import io.boss.runtime.SandboxStatus;
import io.boss.runtime.artifact.ArtifactCache;
import io.boss.runtime.artifact.ArtifactResolver;
import io.boss.runtime.artifact.Digests;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(300)
class ContainerProviderTest {

    @TempDir
    static Path dir;

    private static Path image;
    private static ArtifactResolver resolver;
    private static ContainerProvider provider;

    @BeforeAll
    static void setUp() throws Exception {
        resolver = new ArtifactResolver(new ArtifactCache(dir.resolve("state/artifacts"), 256L << 20,
                Clock.systemUTC()));
        provider = new ContainerProvider(dir.resolve("state"), resolver);
        ProviderCapabilities capabilities = provider.capabilities();
        assumeTrue(capabilities.healthy(), "container provider unavailable, skipping: " + capabilities.reason());
        assumeTrue(BusyboxImage.available(), "busybox-static not installed, skipping: no image to run");
        image = BusyboxImage.build(dir);
    }

    @AfterAll
    static void removeContainers() throws Exception {
        if (provider != null && provider.capabilities().healthy()) {
            for (SandboxStatus status : provider.list()) {
                provider.remove(status.sandboxId());
            }
        }
    }

    @Test
    void containerRunsLogsAndReportsExitCode() throws Exception {
        SandboxStatus started = run(spec("exit-code").command("/bin/sh", "-c").args("echo hello from a container; exit 3")
                .build());

        assertTrue(started.state() == SandboxState.RUNNING || started.state() == SandboxState.EXITED,
                "state after start: " + started.state());
        SandboxStatus exited = awaitExit("exit-code");
        assertEquals(3, exited.exitCode());
        assertEquals("hello from a container\n", logs("exit-code", LogOptions.all()));
    }

    @Test
    void environmentAndArgumentsReachWorkload() throws Exception {
        run(spec("env").env(Map.of("GREETING", "hi")).command("/bin/sh", "-c").args("echo $GREETING $0", "arg0")
                .build());

        assertEquals(0, awaitExit("env").exitCode());
        assertEquals("hi arg0\n", logs("env", LogOptions.all()));
    }

    @Test
    void stopEndsContainerWithinGrace() throws Exception {
        run(spec("stop").command("/bin/sleep", "600").build());
        assertEquals(SandboxState.RUNNING, provider.status("stop").orElseThrow().state());

        long begin = System.nanoTime();
        SandboxStatus stopped = provider.stop("stop", Duration.ofSeconds(5));

        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "stop took " + took);
        assertEquals(SandboxState.EXITED, stopped.state());
        assertEquals(143, stopped.exitCode());
    }

    @Test
    void resourcesBecomeCgroupSettings() throws Exception {
        run(spec("limits").resources(500L, 64L << 20).cpuRequest(250L).command("/bin/sh", "-c")
                .args("cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/cpu/cpu.cfs_quota_us "
                        + "/sys/fs/cgroup/cpu/cpu.cfs_period_us /sys/fs/cgroup/cpu/cpu.shares "
                        + "|| cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/cpu.max /sys/fs/cgroup/cpu.weight")
                .build());

        assertEquals(0, awaitExit("limits").exitCode());
        String output = logs("limits", LogOptions.all());
        assertTrue(output.startsWith(Long.toString(64L << 20)), "memory limit in " + output);
        assertTrue(output.contains("50000\n100000") || output.contains("50000 100000"), "cpu quota in " + output);
        // 250 millicores are 256 shares; cgroup v2 shows them as weight 1 + (256 - 2) * 9999 / 262142 = 10.
        assertTrue(output.contains("100000\n256\n") || output.contains("100000\n10\n"), "cpu weight in " + output);
    }

    @Test
    void networkNoneLeavesOnlyLoopback() throws Exception {
        run(spec("no-net").network(NetworkMode.NONE).command("/bin/ls", "/sys/class/net").build());

        assertEquals(0, awaitExit("no-net").exitCode());
        assertEquals("lo\n", logs("no-net", LogOptions.all()));
    }

    @Test
    void tailLinesReturnsLastLines() throws Exception {
        run(spec("tail").command("/bin/sh", "-c").args("echo one; echo two; echo three").build());
        awaitExit("tail");

        assertEquals("two\nthree\n", logs("tail", new LogOptions(2, false)));
    }

    @Test
    void removeLeavesNoContainer() throws Exception {
        run(spec("removed").command("/bin/sleep", "600").build());

        provider.remove("removed");

        assertTrue(provider.status("removed").isEmpty());
        assertFalse(provider.list().stream().anyMatch(s -> s.sandboxId().equals("removed")));
        provider.remove("removed");
    }

    @Test
    void listByPrefixFindsContainersOfEarlierInstance() throws Exception {
        provider.create(spec("prefix-a-0").command("/bin/true").build());
        ContainerProvider restarted = new ContainerProvider(dir.resolve("state"), resolver);

        assertEquals(List.of("prefix-a-0"), ids(restarted.list("prefix-a-")), "found before any full list");
        assertEquals(List.of(), ids(restarted.list("prefix-b-")));

        restarted.remove("prefix-a-0");

        assertEquals(List.of(), ids(restarted.list("prefix-a-")));
        assertEquals(List.of(), ids(provider.list("prefix-a-")), "the creating instance sees the removal");
    }

    @Test
    void digestMismatchFailsAndCreatesNothing() throws Exception {
        String wrong = Digests.ofText("not the image");
        SandboxSpec spec = spec("pinned").artifact(new SandboxArtifact(ArtifactType.CONTAINER_IMAGE,
                image.toString(), wrong)).command("/bin/true").build();

        SandboxException error = assertThrows(SandboxException.class, () -> provider.create(spec));

        assertEquals(Reason.ArtifactFetchFailed, error.reason());
        assertTrue(provider.status("pinned").isEmpty());
    }

    @Test
    void strongerIsolationIsRejected() {
        SandboxSpec spec = spec("vm-level").isolation(IsolationLevel.KERNEL_ISOLATED).command("/bin/true").build();

        SandboxException error = assertThrows(SandboxException.class, () -> provider.create(spec));

        assertEquals(Reason.IsolationMismatch, error.reason());
    }

    @Test
    void missingPodmanIsReportedUnhealthy() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-path"));
        ContainerProvider withoutPodman = new ContainerProvider(dir.resolve("other-state"), resolver,
                empty.toString(), "runc", ContainerProvider.DEFAULT_ULIMITS, Duration.ofSeconds(10));

        ProviderCapabilities capabilities = withoutPodman.capabilities();

        assertFalse(capabilities.healthy());
        assertTrue(capabilities.reason().startsWith("podman not installed"), capabilities.reason());
    }

    private static SandboxSpec.Builder spec(String id) {
        return SandboxSpec.builder(id)
                .pod("default", id, "uid-" + id)
                .sandboxClass(SandboxClass.CONTAINER)
                .artifact(new SandboxArtifact(ArtifactType.CONTAINER_IMAGE, image.toString(), null));
    }

    private static SandboxStatus run(SandboxSpec spec) throws SandboxException {
        provider.prepare(spec);
        provider.create(spec);
        return provider.start(spec.sandboxId());
    }

    private static SandboxStatus awaitExit(String id) {
        SandboxStatus[] last = new SandboxStatus[1];
        await("container " + id + " exits").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            last[0] = provider.status(id).orElseThrow();
            assertEquals(SandboxState.EXITED, last[0].state());
        });
        return last[0];
    }

    private static String logs(String id, LogOptions options) throws Exception {
        try (InputStream in = provider.logs(id, options)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> ids(List<SandboxStatus> statuses) {
        return statuses.stream().map(SandboxStatus::sandboxId).toList();
    }
}
