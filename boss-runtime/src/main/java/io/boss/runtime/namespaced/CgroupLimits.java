package io.boss.runtime.namespaced;

import io.boss.runtime.CpuShares;
import io.boss.runtime.SandboxSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a sandbox's resources as cgroup v1 settings: {@code memory.limit_in_bytes}, a CFS quota
 * of {@code cpuMillis / 1000} CPUs per 100 ms period for a CPU limit, and {@code cpu.shares} for
 * a CPU request (see {@link CpuShares}). Each sandbox gets the
 * cgroups {@code boss-<sandboxId>} under the agent's own memory and cpu cgroups, so the agent
 * needs write access to those, as root has on hosts with cgroup v1 controllers mounted under
 * {@code /sys/fs/cgroup/memory} and {@code /sys/fs/cgroup/cpu}.
 *
 * <p>NOTE: hosts with only the unified cgroup v2 hierarchy are not handled; there the sandbox runs
 * without limits and a warning is logged once.
 */
final class CgroupLimits {

    private static final Logger LOG = LoggerFactory.getLogger(CgroupLimits.class);
    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    private static final long CFS_PERIOD_MICROS = 100_000;

    private final Path memoryParent;
    private final Path cpuParent;
    private volatile boolean warned;

    private CgroupLimits(Path memoryParent, Path cpuParent) {
        this.memoryParent = memoryParent;
        this.cpuParent = cpuParent;
    }

    /** Returns the limits for this host, with null parents for controllers that are not usable. */
    static CgroupLimits detect() {
        return new CgroupLimits(ownCgroup("memory").orElse(null), ownCgroup("cpu").orElse(null));
    }

    /**
     * Creates the sandbox's cgroups with its limits and returns the {@code cgroup.procs} files the
     * workload must join; empty when the spec requests nothing or the host allows no limits.
     */
    List<Path> apply(SandboxSpec spec) {
        List<Path> procs = new ArrayList<>();
        try {
            if (spec.memoryBytes() != null && spec.memoryBytes() > 0 && memoryParent != null) {
                Path dir = create(memoryParent, spec.sandboxId());
                Files.writeString(dir.resolve("memory.limit_in_bytes"), Long.toString(spec.memoryBytes()));
                procs.add(dir.resolve("cgroup.procs"));
            }
            boolean cpuLimit = spec.cpuMillis() != null && spec.cpuMillis() > 0;
            // A request of 0 still gets the minimum weight, as in Kubernetes, not the default 1024.
            boolean cpuRequest = spec.cpuRequestMillis() != null;
            if ((cpuLimit || cpuRequest) && cpuParent != null) {
                Path dir = create(cpuParent, spec.sandboxId());
                if (cpuRequest) {
                    Files.writeString(dir.resolve("cpu.shares"), Long.toString(CpuShares.of(spec.cpuRequestMillis())));
                }
                if (cpuLimit) {
                    Files.writeString(dir.resolve("cpu.cfs_period_us"), Long.toString(CFS_PERIOD_MICROS));
                    Files.writeString(dir.resolve("cpu.cfs_quota_us"),
                            Long.toString(Math.max(1000, spec.cpuMillis() * CFS_PERIOD_MICROS / 1000)));
                }
                procs.add(dir.resolve("cgroup.procs"));
            }
        } catch (IOException e) {
            warnOnce("cannot apply cgroup limits, sandboxes run without them: " + e.getMessage());
            return List.of();
        }
        boolean requested = spec.memoryBytes() != null || spec.cpuMillis() != null || spec.cpuRequestMillis() != null;
        if (requested && (memoryParent == null || cpuParent == null)) {
            warnOnce("cgroup v1 memory or cpu controller not writable under " + CGROUP_ROOT
                    + "; requests without a controller are not enforced");
        }
        return procs;
    }

    /** Returns the sandbox's cgroup directories that exist; for removal and tests. */
    List<Path> directories(String sandboxId) {
        List<Path> dirs = new ArrayList<>();
        for (Path parent : new Path[] {memoryParent, cpuParent}) {
            if (parent != null && Files.isDirectory(parent.resolve("boss-" + sandboxId))) {
                dirs.add(parent.resolve("boss-" + sandboxId));
            }
        }
        return dirs;
    }

    /** Deletes the sandbox's cgroups; the kernel refuses while a process is still in one. */
    void remove(String sandboxId) {
        for (Path dir : directories(sandboxId)) {
            try {
                Files.delete(dir);
            } catch (IOException e) {
                LOG.warn("Cannot delete cgroup {} of sandbox={}: {}", dir, sandboxId, e.getMessage());
            }
        }
    }

    private static Path create(Path parent, String sandboxId) throws IOException {
        Path dir = parent.resolve("boss-" + sandboxId);
        if (!Files.isDirectory(dir)) {
            Files.createDirectory(dir);
        }
        return dir;
    }

    /** Returns the agent's own cgroup directory of a v1 controller when it exists and is writable. */
    private static Optional<Path> ownCgroup(String controller) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                String[] fields = line.split(":", 3);
                if (fields.length == 3 && List.of(fields[1].split(",")).contains(controller)) {
                    Path dir = CGROUP_ROOT.resolve(controller).resolve(fields[2].substring(1));
                    return Files.isDirectory(dir) && Files.isWritable(dir) ? Optional.of(dir) : Optional.empty();
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private void warnOnce(String message) {
        if (!warned) {
            warned = true;
            LOG.warn("Provider namespaced: {}", message);
        }
    }
}
