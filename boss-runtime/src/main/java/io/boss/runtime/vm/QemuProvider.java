package io.boss.runtime.vm;

import io.boss.api.model.ArtifactType;
import io.boss.api.model.IsolationLevel;
import io.boss.api.model.NetworkMode;
import io.boss.api.model.Reason;
import io.boss.runtime.LogOptions;
import io.boss.runtime.ProviderCapabilities;
import io.boss.runtime.SandboxException;
import io.boss.runtime.SandboxSpec;
import io.boss.runtime.SandboxState;
import io.boss.runtime.SandboxStatus;
import io.boss.runtime.artifact.ArtifactResolver;
import io.boss.runtime.host.Executables;
import io.boss.runtime.host.HostProcessProvider;
import io.boss.runtime.host.SandboxFiles;
import io.boss.runtime.host.Supervisor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code vm} and {@code microvm} providers: boot a Linux guest with QEMU
 * ({@code qemu-system-x86_64}) for each sandbox. The artifact is a {@code rootfsImage}, an
 * initramfs (cpio, optionally gzip-compressed) whose {@code /init} runs {@code /boss/run},
 * reports that program's exit code and powers the guest off; {@code examples/vm/build.sh} builds
 * one from busybox. The kernel comes from the provider's settings. When the spec has a command,
 * the provider appends a small archive with a {@code /boss/run} that sets the spec's env and
 * execs the command and args, so one image serves many pods.
 *
 * <p>With a {@code diskInitrd} in its settings, the provider also takes {@code diskImage}
 * artifacts: an ext4 file system image (raw or qcow2) with the same {@code /init} contract. The
 * guest boots that initramfs, which loads the kernel's block and file system modules, mounts the
 * disk, copies a {@code /boss/run} appended as above onto it, and switches to the disk's
 * {@code /init}. Writes go to a temporary overlay, so the cached image never changes and many VMs
 * can share it.
 *
 * <p>QEMU runs under the same supervisor as host processes (see {@link HostProcessProvider}), so
 * VMs outlive an agent restart. The serial console is the sandbox's output. The guest reports
 * its exit code by writing {@code code + 1} to QEMU's {@code isa-debug-exit} port, after which
 * QEMU exits with {@code ((code + 1) << 1) | 1}; this provider maps that back, so guest codes 0 to
 * 126 pass through and higher ones read as 126. A stop sends SIGTERM to QEMU, which ends the VM
 * at once (exit code 143); a guest that powered off without reporting has no exit code.
 *
 * <p>Isolation is {@code kernelIsolated} under software emulation (TCG), and
 * {@code hardwareVirtualized} only when a probe guest really runs under KVM. The network is
 * always {@code none}: guests get no network device. The capacity is the lower of
 * {@code maxVms} and the VMs that the host's available memory holds.
 */
public final class QemuProvider extends HostProcessProvider {

    /** How often the self-check boots the probe guest again; the cheap checks run on every refresh. */
    public static final Duration FULL_CHECK_INTERVAL = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(QemuProvider.class);
    private static final String QEMU = "qemu-system-x86_64";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);
    /**
     * How long the guest kernel may take to panic under KVM. A usable KVM gets there in about a
     * second. A nested one that cannot run the kernel spins a CPU for this long, once per process.
     */
    private static final Duration KERNEL_PROBE_TIMEOUT = Duration.ofSeconds(10);
    /** KVM verdicts per QEMU binary and kernel, shared by every provider of this process. */
    private static final Map<String, QemuProbe.Result> KVM_VERDICTS = new ConcurrentHashMap<>();
    /** QEMU's own memory beyond the guest's, an estimate from about 230 MB RSS for a 256 MiB guest. */
    private static final long QEMU_OVERHEAD_BYTES = 64L << 20;
    private static final String STOP_MARKER = "stop-requested";

    private final QemuSettings settings;
    private final ArtifactResolver resolver;
    private final Path workDir;
    private volatile Boolean kvmWorks;
    private volatile ProviderCapabilities lastFullCheck;
    private volatile long lastFullCheckNanos;
    private volatile boolean missingDiskInitrdLogged;

    public QemuProvider(Path stateDir, QemuSettings settings, ArtifactResolver resolver) {
        super(stateDir, settings.name(), settings.capabilitiesRefresh(), Clock.systemUTC());
        this.settings = settings;
        this.resolver = resolver;
        this.workDir = stateDir.resolve(settings.name() + "-probe");
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public ProviderCapabilities capabilities() {
        return super.capabilities().withCachedArtifacts(resolver.cachedDigests());
    }

    @Override
    protected ProviderCapabilities selfCheck() {
        ProviderCapabilities offered = offered(false, "unknown");
        List<String> missing = Supervisor.missingTools();
        if (!missing.isEmpty()) {
            return offered.unhealthy("required host programs are missing: " + String.join(", ", missing));
        }
        Optional<Path> qemu = findQemu();
        if (qemu.isEmpty()) {
            return offered.unhealthy(QEMU + " not installed (apt-get install qemu-system-x86)");
        }
        if (settings.kernel() == null || !Files.isRegularFile(settings.kernel())) {
            return offered.unhealthy("guest kernel " + settings.kernel() + " not found; build it with "
                    + "examples/vm/build.sh and set the provider's kernel setting");
        }
        boolean due = lastFullCheck == null || System.nanoTime() - lastFullCheckNanos >= FULL_CHECK_INTERVAL.toNanos();
        if (due) {
            lastFullCheck = fullCheck(qemu.get());
            lastFullCheckNanos = System.nanoTime();
        }
        return lastFullCheck;
    }

    /** Boots the probe guest under TCG, and once per process the probe guest and the guest kernel under KVM. */
    private ProviderCapabilities fullCheck(Path qemu) {
        QemuProbe.Result tcg = QemuProbe.run(qemu, "tcg", workDir, PROBE_TIMEOUT);
        if (!tcg.passed()) {
            LOG.warn("Provider unhealthy provider={} reason={}", name(), tcg.detail());
            return offered(false, "unknown").unhealthy("qemu cannot run a guest: " + tcg.detail());
        }
        if (kvmWorks == null) {
            QemuProbe.Result kvm = KVM_VERDICTS.computeIfAbsent(qemu + " " + settings.kernel().toAbsolutePath(),
                    key -> probeKvm(qemu));
            kvmWorks = kvm.passed();
            LOG.info("KVM probe provider={} usable={} detail={}", name(), kvmWorks, kvm.detail());
        }
        return offered(kvmWorks, QEMU + " " + settings.machine() + (kvmWorks ? " with kvm" : " with tcg"));
    }

    private QemuProbe.Result probeKvm(Path qemu) {
        if (!Files.exists(Path.of("/dev/kvm"))) {
            return new QemuProbe.Result(false, "/dev/kvm does not exist");
        }
        QemuProbe.Result bootSector = QemuProbe.run(qemu, "kvm", workDir, PROBE_TIMEOUT);
        if (!bootSector.passed()) {
            return bootSector;
        }
        return QemuProbe.runKernel(qemu, settings.kernel(), workDir, KERNEL_PROBE_TIMEOUT);
    }

    private ProviderCapabilities offered(boolean hardware, String version) {
        Set<IsolationLevel> levels = EnumSet.of(IsolationLevel.SHARED_HOST, IsolationLevel.NAMESPACED,
                IsolationLevel.RUNTIME_SANDBOXED, IsolationLevel.KERNEL_ISOLATED);
        if (hardware) {
            levels.add(IsolationLevel.HARDWARE_VIRTUALIZED);
        }
        Set<ArtifactType> artifacts = diskImagesOffered()
                ? EnumSet.of(ArtifactType.ROOTFS_IMAGE, ArtifactType.DISK_IMAGE)
                : EnumSet.of(ArtifactType.ROOTFS_IMAGE);
        return new ProviderCapabilities(name(), true, null, version, Set.of(settings.sandboxClass()),
                artifacts, levels, Set.of(NetworkMode.NONE), capacity());
    }

    /** Returns true when the configured disk initramfs exists; logs once when it is configured but missing. */
    private boolean diskImagesOffered() {
        Path initrd = settings.diskInitrd();
        if (initrd == null) {
            return false;
        }
        boolean exists = Files.isRegularFile(initrd);
        if (!exists && !missingDiskInitrdLogged) {
            missingDiskInitrdLogged = true;
            LOG.warn("Disk initramfs not found provider={} path={}; diskImage artifacts are not offered until "
                    + "examples/vm/build.sh or another build writes it", name(), initrd);
        }
        return exists;
    }

    /** Returns {@code maxVms}, or fewer when the host's available memory has room for fewer VMs. */
    private int capacity() {
        long perVm = settings.memoryMb() * (1L << 20) + QEMU_OVERHEAD_BYTES;
        long available = HostMemory.availableBytes().orElse(Long.MAX_VALUE);
        long byMemory = available / perVm;
        return (int) Math.max(0, Math.min(settings.maxVms(), byMemory));
    }

    /** Resolves the image into the artifact cache, checks its digest, and checks a disk image's header. */
    @Override
    public void prepare(SandboxSpec spec) throws SandboxException {
        Path image = image(spec);
        if (spec.artifact().type() == ArtifactType.DISK_IMAGE) {
            checkedDisk(spec, image);
        }
    }

    private static DiskImage checkedDisk(SandboxSpec spec, Path image) throws SandboxException {
        try {
            return DiskImage.of(image);
        } catch (IllegalArgumentException e) {
            throw new SandboxException(Reason.UnsupportedArtifact, "diskImage " + spec.artifact().location()
                    + " of sandbox " + spec.sandboxId() + " is rejected: " + e.getMessage());
        } catch (IOException e) {
            throw new SandboxException(Reason.ArtifactFetchFailed, "cannot read diskImage " + image + " of sandbox "
                    + spec.sandboxId() + ": " + e.getMessage(), e);
        }
    }

    /** Returns the guest command; it is checked by the guest, not on the host. */
    @Override
    protected List<String> resolveWorkload(SandboxSpec spec, SandboxFiles files, Reason failure) {
        List<String> argv = new ArrayList<>(spec.command());
        argv.addAll(spec.args());
        return argv;
    }

    @Override
    protected List<String> wrapWorkload(SandboxSpec spec, SandboxFiles files, List<String> workload)
            throws SandboxException {
        Path qemu = findQemu().orElseThrow(() -> new SandboxException(Reason.ProviderUnavailable,
                QEMU + " not installed (apt-get install qemu-system-x86)"));
        Path image = image(spec);
        boolean diskRoot = spec.artifact().type() == ArtifactType.DISK_IMAGE;
        DiskImage disk = diskRoot ? checkedDisk(spec, image) : null;
        Path initrd = files.dir().resolve("initrd.img");
        try {
            writeInitrd(diskRoot ? settings.diskInitrd() : image, spec, workload, initrd);
        } catch (IOException e) {
            throw new SandboxException(Reason.StartFailed, "cannot write the initramfs of sandbox "
                    + spec.sandboxId() + " to " + initrd + ": " + e.getMessage(), e);
        }
        boolean kvm = Boolean.TRUE.equals(kvmWorks);
        return QemuCommand.build(qemu, settings, kvm, initrd, disk);
    }

    /** Sends SIGTERM to QEMU alone, never to the supervisor shell. */
    @Override
    protected Set<String> commandsSparedFromSigterm() {
        return Set.of("sh");
    }

    @Override
    public SandboxStatus create(SandboxSpec spec) throws SandboxException {
        return translate(super.create(spec));
    }

    @Override
    public SandboxStatus start(String sandboxId) throws SandboxException {
        return translate(super.start(sandboxId));
    }

    /** Marks the stop first, so QEMU's exit code 0 after SIGTERM reads as a stop and not as a power-off. */
    @Override
    public SandboxStatus stop(String sandboxId, Duration grace) throws SandboxException {
        Optional<SandboxStatus> current = super.status(sandboxId);
        if (current.isPresent() && current.get().state() == SandboxState.RUNNING) {
            try {
                Files.writeString(sandboxDir(sandboxId).resolve(STOP_MARKER), "");
            } catch (IOException e) {
                throw new SandboxException(Reason.StopFailed, "cannot mark the stop of sandbox " + sandboxId + ": "
                        + e.getMessage(), e);
            }
        }
        return translate(super.stop(sandboxId, grace));
    }

    @Override
    public Optional<SandboxStatus> status(String sandboxId) throws SandboxException {
        Optional<SandboxStatus> status = super.status(sandboxId);
        return status.isEmpty() ? status : Optional.of(translate(status.get()));
    }

    /** Returns the serial console output with the console's carriage returns removed. */
    @Override
    public InputStream logs(String sandboxId, LogOptions options) throws SandboxException {
        return new CarriageReturnFilter(super.logs(sandboxId, options));
    }

    /** Maps QEMU's exit code to the guest's; see the class description. */
    private SandboxStatus translate(SandboxStatus status) {
        if (status.state() != SandboxState.EXITED || status.exitCode() == null) {
            return status;
        }
        int qemuCode = status.exitCode();
        Integer guestCode;
        String message = status.message();
        if (qemuCode >= 3 && qemuCode % 2 == 1 && qemuCode != 137 && qemuCode != 143) {
            guestCode = (qemuCode >> 1) - 1;
        } else if (qemuCode == 0 && Files.exists(sandboxDir(status.sandboxId()).resolve(STOP_MARKER))) {
            guestCode = 143;
            message = "the VM was stopped";
        } else if (qemuCode == 0) {
            guestCode = null;
            message = "the guest powered off without reporting an exit code";
        } else {
            guestCode = qemuCode;
            message = "qemu failed with exit code " + qemuCode + "; the sandbox log shows its error";
        }
        return new SandboxStatus(status.sandboxId(), status.state(), guestCode, status.startedAt(),
                status.finishedAt(), status.pid(), message);
    }

    /** Returns the cached image file after checking the artifact type. */
    private Path image(SandboxSpec spec) throws SandboxException {
        ArtifactType type = spec.artifact() == null ? null : spec.artifact().type();
        if (type == ArtifactType.DISK_IMAGE && !diskImagesOffered()) {
            throw new SandboxException(Reason.UnsupportedArtifact, "provider " + name() + " does not accept diskImage "
                    + "artifacts: its diskInitrd setting is " + (settings.diskInitrd() == null ? "not set"
                    : settings.diskInitrd() + ", which does not exist"));
        }
        if (type != ArtifactType.ROOTFS_IMAGE && type != ArtifactType.DISK_IMAGE) {
            throw new SandboxException(Reason.UnsupportedArtifact, "sandbox " + spec.sandboxId()
                    + " needs a rootfsImage (an initramfs) or diskImage (an ext4 image) artifact with a path or uri");
        }
        return resolver.resolve(spec.artifact(), spec.sandboxId());
    }

    /**
     * Writes the image, padded to 4 bytes, followed by an archive with the spec's {@code /boss/run}
     * when the spec has a command or args.
     */
    private static void writeInitrd(Path image, SandboxSpec spec, List<String> workload, Path target)
            throws IOException {
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
            long size = Files.copy(image, out);
            out.write(new byte[(int) ((4 - size % 4) % 4)]);
            if (!workload.isEmpty()) {
                out.write(new NewcArchive()
                        .directory("boss", 0755)
                        .file("boss/run", 0755, GuestScript.of(workload, spec.env()))
                        .finish());
            }
        }
    }

    private Path sandboxDir(String sandboxId) {
        return workDir.resolveSibling(settings.name()).resolve(sandboxId);
    }

    private Optional<Path> findQemu() {
        return Executables.resolve(QEMU, settings.searchPath(), Path.of("/"));
    }
}
