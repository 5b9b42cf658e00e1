package io.boss.runtime.vm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.boss.api.model.ArtifactType;
import io.boss.api.model.IsolationLevel;
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
import io.boss.runtime.host.ProcStat;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Boots real QEMU guests under software emulation; each boot takes several seconds. */
@Tag("slow")
@Timeout(300)
class QemuProviderTest {

    /** Where {@code examples/vm/build.sh} puts the guest; kept between runs so the kernel is fetched once. */
    private static final Path GUEST = Path.of("target/vm-guest");

    @TempDir
    static Path dir;

    private static ArtifactResolver resolver;
    private static QemuProvider provider;
    private static Path rootfs;
    private static Path disk;

    @BeforeAll
    static void setUp() throws Exception {
        resolver = new ArtifactResolver(new ArtifactCache(dir.resolve("state/artifacts"), 256L << 20,
                Clock.systemUTC()));
        buildGuest();
        rootfs = GUEST.resolve("rootfs.cpio.gz");
        disk = GUEST.resolve("disk.img");
        provider = new QemuProvider(dir.resolve("state"),
                QemuSettings.vm(GUEST.resolve("vmlinuz")).withDiskInitrd(GUEST.resolve("boot-initrd.cpio.gz")), resolver);
        ProviderCapabilities capabilities = provider.capabilities();
        assumeTrue(capabilities.healthy(), "vm provider unavailable, skipping: " + capabilities.reason());
    }

    @AfterAll
    static void removeVms() throws Exception {
        if (provider != null) {
            for (SandboxStatus status : provider.list()) {
                provider.remove(status.sandboxId());
            }
        }
    }

    @Test
    void guestCommandOutputAndExitCodeAreReported() throws Exception {
        SandboxSpec spec = spec("exit-code").command("/bin/sh", "-c")
                .args("echo hello from the guest $GREETING; exit 5").env(Map.of("GREETING", "hi")).build();

        SandboxStatus started = run(spec);

        assertEquals(SandboxState.RUNNING, started.state());
        SandboxStatus[] exited = new SandboxStatus[1];
        await("guest powers off").atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            exited[0] = provider.status("exit-code").orElseThrow();
            assertEquals(SandboxState.EXITED, exited[0].state());
        });
        assertEquals(5, exited[0].exitCode(), exited[0].message());
        assertTrue(logs("exit-code").contains("hello from the guest hi\n"), logs("exit-code"));
        provider.remove("exit-code");
        assertTrue(provider.status("exit-code").isEmpty());
    }

    @Test
    void diskImageGuestRunsFromItsDisk() throws Exception {
        String before = sha256(disk);
        SandboxSpec spec = SandboxSpec.builder("disk")
                .pod("default", "disk", "uid-disk")
                .sandboxClass(SandboxClass.VM)
                .artifact(new SandboxArtifact(ArtifactType.DISK_IMAGE, disk.toAbsolutePath().toString(), null))
                .command("/bin/sh", "-c")
                .args("grep ' / ' /proc/mounts; echo changed > /written; exit 7")
                .build();

        assertTrue(provider.capabilities().artifactTypes().contains(ArtifactType.DISK_IMAGE));
        run(spec);

        SandboxStatus[] exited = new SandboxStatus[1];
        await("disk guest powers off").atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            exited[0] = provider.status("disk").orElseThrow();
            assertEquals(SandboxState.EXITED, exited[0].state());
        });
        assertEquals(7, exited[0].exitCode(), exited[0].message() + "\n" + logs("disk"));
        assertTrue(logs("disk").contains("/dev/vda / ext4"), logs("disk"));
        Path cached = resolver.resolve(spec.artifact(), "disk");
        assertEquals(before, sha256(cached), "the guest's write reached the cached disk image " + cached);
        provider.remove("disk");
    }

    @Test
    void diskImageWithoutDiskInitrdIsRejected() throws Exception {
        QemuProvider rootfsOnly = new QemuProvider(dir.resolve("rootfs-only"), QemuSettings.vm(GUEST.resolve("vmlinuz")),
                resolver);
        SandboxSpec spec = SandboxSpec.builder("no-disk")
                .pod("default", "no-disk", "uid-no-disk")
                .sandboxClass(SandboxClass.VM)
                .artifact(new SandboxArtifact(ArtifactType.DISK_IMAGE, disk.toAbsolutePath().toString(), null))
                .build();

        SandboxException error = assertThrows(SandboxException.class, () -> rootfsOnly.prepare(spec));

        assertEquals(Reason.UnsupportedArtifact, error.reason());
        assertTrue(error.getMessage().contains("diskInitrd setting is not set"), error.getMessage());
        assertFalse(rootfsOnly.capabilities().artifactTypes().contains(ArtifactType.DISK_IMAGE));
    }

    @Test
    void stopEndsVmAndRemoveLeavesNoProcess() throws Exception {
        SandboxStatus started = run(spec("stopped").command("/bin/sh", "-c").args("echo booted; sleep 600").build());
        long pid = started.pid();
        await("guest boots").atMost(Duration.ofSeconds(120))
                .untilAsserted(() -> assertTrue(logs("stopped").contains("booted"), logs("stopped")));

        SandboxStatus stopped = provider.stop("stopped", Duration.ofSeconds(5));

        assertEquals(SandboxState.EXITED, stopped.state());
        assertEquals(143, stopped.exitCode(), stopped.message());
        provider.remove("stopped");
        assertTrue(ProcStat.groupMembers(pid, -1).isEmpty(), "processes of the VM's group are left");
        assertFalse(Files.exists(dir.resolve("state/vm/stopped")));
    }

    @Test
    void strongerIsolationThanOfferedIsRejected() throws Exception {
        ProviderCapabilities capabilities = provider.capabilities();
        assumeTrue(!capabilities.isolationLevels().contains(IsolationLevel.HARDWARE_VIRTUALIZED),
                "KVM works here, so hardwareVirtualized is offered");

        SandboxException error = assertThrows(SandboxException.class, () -> provider.create(
                spec("hardware").isolation(IsolationLevel.HARDWARE_VIRTUALIZED).build()));

        assertEquals(Reason.IsolationMismatch, error.reason());
        assertTrue(capabilities.isolationLevels().contains(IsolationLevel.KERNEL_ISOLATED));
    }

    @Test
    void missingQemuIsReportedUnhealthy() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-path"));
        QemuProvider withoutQemu = new QemuProvider(dir.resolve("other"),
                QemuSettings.vm(GUEST.resolve("vmlinuz")).withSearchPath(empty.toString()), resolver);

        ProviderCapabilities capabilities = withoutQemu.capabilities();

        assertFalse(capabilities.healthy());
        assertTrue(capabilities.reason().startsWith("qemu-system-x86_64 not installed"), capabilities.reason());
    }

    private static void buildGuest() throws Exception {
        boolean built = Stream.of("vmlinuz", "rootfs.cpio.gz", "disk.img", "boot-initrd.cpio.gz")
                .allMatch(file -> Files.isRegularFile(GUEST.resolve(file)));
        if (built) {
            return;
        }
        Path script = Path.of("..", "examples", "vm", "build.sh");
        assumeTrue(Files.isExecutable(script), "examples/vm/build.sh not found from " + Path.of("").toAbsolutePath());
        Process build = new ProcessBuilder(script.toString(), GUEST.toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = build.waitFor(5, TimeUnit.MINUTES);
        assumeTrue(finished && build.exitValue() == 0, "cannot build the guest, skipping: " + output);
    }

    private static SandboxSpec.Builder spec(String id) {
        return SandboxSpec.builder(id)
                .pod("default", id, "uid-" + id)
                .sandboxClass(SandboxClass.VM)
                .artifact(new SandboxArtifact(ArtifactType.ROOTFS_IMAGE, rootfs.toAbsolutePath().toString(), null));
    }

    private static SandboxStatus run(SandboxSpec spec) throws SandboxException {
        provider.prepare(spec);
        provider.create(spec);
        return provider.start(spec.sandboxId());
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static String logs(String id) throws Exception {
        try (InputStream in = provider.logs(id, LogOptions.all())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
