package io.boss.bench.providers;

import io.boss.api.model.ArtifactType;
import io.boss.api.model.SandboxClass;
import io.boss.runtime.LogOptions;
import io.boss.runtime.SandboxArtifact;
import io.boss.runtime.SandboxProvider;
import io.boss.runtime.SandboxSpec;
import io.boss.runtime.SandboxState;
import io.boss.runtime.SandboxStatus;
import io.boss.runtime.artifact.ArtifactCache;
import io.boss.runtime.artifact.ArtifactResolver;
import io.boss.runtime.container.ContainerProvider;
import io.boss.runtime.namespaced.BubblewrapProvider;
import io.boss.runtime.vm.QemuProvider;
import io.boss.runtime.vm.QemuSettings;
import io.boss.runtime.wasm.WasmProvider;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Start latency of each provider, cold and warm: the time from {@code prepare} through
 * {@code create} and {@code start} to a {@code RUNNING} status, which is the agent's part of
 * apply → Running (the API write, watch and status write add to it). For VMs it also measures
 * the time until the guest's command prints its first line.
 *
 * <p>Cold: a new provider instance over a new state directory and an empty artifact cache, so
 * the artifact is copied, hashed and loaded (for containers, imported into new image storage).
 * Warm: the same provider and cache for every sandbox.
 *
 * <pre>
 * java -jar bench/target/boss-bench.jar providers [--pods 20] [--vm-pods 5] [--only wasm,container]
 *     [--kernel examples/vm/out/vmlinuz] [--rootfs examples/vm/out/rootfs.cpio.gz]
 *     [--image examples/out/container/busybox-rootfs.tar]
 * </pre>
 */
public final class ProvidersBenchmark {

    /** {@code (module (func (export "_start") (loop (br 0))))}: spins until stopped. */
    private static final byte[] SPIN_MODULE = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
        0x03, 0x02, 0x01, 0x00,
        0x07, 0x0a, 0x01, 0x06, '_', 's', 't', 'a', 'r', 't', 0x00, 0x00,
        0x0a, 0x09, 0x01, 0x07, 0x00, 0x03, 0x40, 0x0c, 0x00, 0x0b, 0x0b};

    private final Path workDir;
    private final int pods;
    private final int vmPods;
    private final Path kernel;
    private final Path rootfs;
    private final Path image;
    private int sequence;

    private ProvidersBenchmark(Path workDir, int pods, int vmPods, Path kernel, Path rootfs, Path image) {
        this.workDir = workDir;
        this.pods = pods;
        this.vmPods = vmPods;
        this.kernel = kernel;
        this.rootfs = rootfs;
        this.image = image;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path workDir = Files.createTempDirectory("boss-bench-providers");
        ProvidersBenchmark benchmark = new ProvidersBenchmark(workDir,
                Integer.parseInt(options.getOrDefault("pods", "20")),
                Integer.parseInt(options.getOrDefault("vm-pods", "5")),
                Path.of(options.getOrDefault("kernel", "examples/vm/out/vmlinuz")),
                Path.of(options.getOrDefault("rootfs", "examples/vm/out/rootfs.cpio.gz")),
                Path.of(options.getOrDefault("image", "examples/out/container/busybox-rootfs.tar")));
        List<String> only = Arrays.asList(options.getOrDefault("only", "namespaced,wasm,container,vm").split(","));

        System.out.printf("%-11s %-5s %5s %10s %10s %10s%n", "provider", "start", "pods", "p50 ms", "p99 ms", "max ms");
        if (only.contains("namespaced")) {
            benchmark.namespaced();
        }
        if (only.contains("wasm")) {
            benchmark.wasm();
        }
        if (only.contains("container")) {
            benchmark.container();
        }
        if (only.contains("vm")) {
            benchmark.vm();
        }
    }

    private void namespaced() throws Exception {
        SandboxSpec.Builder spec = SandboxSpec.builder("x").command("/bin/sleep", "300");
        run("namespaced", pods, dir -> new BubblewrapProvider(dir), id -> copy(spec, id, SandboxClass.PROCESS, null),
                false);
    }

    private void wasm() throws Exception {
        Path module = Files.write(workDir.resolve("spin.wasm"), SPIN_MODULE);
        SandboxArtifact artifact = new SandboxArtifact(ArtifactType.WASM_MODULE, module.toString(), null);
        run("wasm", pods, dir -> new WasmProvider(dir, resolver(dir)),
                id -> copy(SandboxSpec.builder(id), id, SandboxClass.WASM, artifact), false);
    }

    private void container() throws Exception {
        if (!Files.isRegularFile(image)) {
            System.out.println("container: skipped, no image at " + image + "; run examples/build.sh");
            return;
        }
        SandboxArtifact artifact = new SandboxArtifact(ArtifactType.CONTAINER_IMAGE, image.toAbsolutePath().toString(),
                null);
        SandboxSpec.Builder spec = SandboxSpec.builder("x").command("/bin/sleep", "300");
        run("container", pods, dir -> new ContainerProvider(dir, resolver(dir)),
                id -> copy(spec, id, SandboxClass.CONTAINER, artifact), false);
    }

    private void vm() throws Exception {
        if (!Files.isRegularFile(kernel) || !Files.isRegularFile(rootfs)) {
            System.out.println("vm: skipped, no kernel or initramfs at " + kernel + ", " + rootfs
                    + "; run examples/vm/build.sh");
            return;
        }
        SandboxArtifact artifact = new SandboxArtifact(ArtifactType.ROOTFS_IMAGE, rootfs.toAbsolutePath().toString(),
                null);
        SandboxSpec.Builder spec = SandboxSpec.builder("x").command("/bin/sh", "-c", "echo guest-ready; sleep 300");
        run("vm", vmPods, dir -> new QemuProvider(dir, QemuSettings.vm(kernel.toAbsolutePath()), resolver(dir)),
                id -> copy(spec, id, SandboxClass.VM, artifact), true);
    }

    /** Measures cold starts (a new provider each) and then warm starts (one provider). */
    private void run(String name, int count, ProviderFactory factory, Function<String, SandboxSpec> specs,
            boolean awaitGuest) throws Exception {
        List<Double> cold = new ArrayList<>();
        List<Double> coldGuest = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SandboxProvider provider = factory.create(workDir.resolve(name + "-cold-" + i));
            requireHealthy(provider);
            measure(provider, specs.apply(name + "-cold-" + i), cold, awaitGuest ? coldGuest : null);
        }
        SandboxProvider provider = factory.create(workDir.resolve(name + "-warm"));
        requireHealthy(provider);
        measure(provider, specs.apply(name + "-warmup"), new ArrayList<>(), null);
        List<Double> warm = new ArrayList<>();
        List<Double> warmGuest = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            measure(provider, specs.apply(name + "-warm-" + i), warm, awaitGuest ? warmGuest : null);
        }
        print(name, "cold", cold);
        print(name, "warm", warm);
        if (awaitGuest) {
            print(name + " guest", "cold", coldGuest);
            print(name + " guest", "warm", warmGuest);
        }
    }

    private void measure(SandboxProvider provider, SandboxSpec spec, List<Double> running, List<Double> guest)
            throws Exception {
        long begin = System.nanoTime();
        provider.prepare(spec);
        provider.create(spec);
        SandboxStatus status = provider.start(spec.sandboxId());
        long started = System.nanoTime();
        if (status.state() != SandboxState.RUNNING) {
            throw new IllegalStateException(provider.name() + " sandbox " + spec.sandboxId() + " is " + status);
        }
        running.add((started - begin) / 1e6);
        if (guest != null) {
            awaitOutput(provider, spec.sandboxId(), "guest-ready", Duration.ofMinutes(3));
            guest.add((System.nanoTime() - begin) / 1e6);
        }
        provider.stop(spec.sandboxId(), Duration.ofSeconds(2));
        provider.remove(spec.sandboxId());
    }

    private static void awaitOutput(SandboxProvider provider, String sandboxId, String text, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (InputStream in = provider.logs(sandboxId, LogOptions.all())) {
                if (new String(in.readAllBytes(), StandardCharsets.UTF_8).contains(text)) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("sandbox " + sandboxId + " printed no '" + text + "' within " + timeout);
    }

    private static void requireHealthy(SandboxProvider provider) {
        var capabilities = provider.capabilities();
        if (!capabilities.healthy()) {
            throw new IllegalStateException("provider " + provider.name() + " is unhealthy: " + capabilities.reason());
        }
    }

    private static ArtifactResolver resolver(Path stateDir) {
        return new ArtifactResolver(new ArtifactCache(stateDir.resolve("artifacts"), 1L << 30, Clock.systemUTC()));
    }

    private SandboxSpec copy(SandboxSpec.Builder template, String id, SandboxClass sandboxClass,
            SandboxArtifact artifact) {
        SandboxSpec base = template.build();
        return new SandboxSpec(id + "-" + (sequence++), "bench", id, "uid-" + id, sandboxClass, artifact,
                null, null, base.command(), base.args(), base.env(), null, null, null, Map.of());
    }

    private static void print(String name, String kind, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf("%-11s %-5s %5d %10.1f %10.1f %10.1f%n", name, kind, sorted.size(), percentile(sorted, 50),
                percentile(sorted, 99), sorted.get(sorted.size() - 1));
    }

    /** Returns the nearest-rank percentile of sorted values. */
    private static double percentile(List<Double> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected an option such as --pods, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    @FunctionalInterface
    private interface ProviderFactory {
        SandboxProvider create(Path stateDir) throws Exception;
    }
}
