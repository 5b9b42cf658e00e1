package io.boss.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.boss.api.client.BossClient;
import io.boss.api.error.BossApiException;
import io.boss.api.model.Artifact;
import io.boss.api.model.Container;
import io.boss.api.model.Node;
import io.boss.api.model.Pod;
import io.boss.api.model.PodStatus;
import io.boss.api.model.ProviderStatus;
import io.boss.api.model.SandboxIntent;
import io.boss.node.sync.PodReconciler;
import io.boss.node.sync.PodSandboxSpecs;
import io.boss.runtime.SandboxProvider;
import io.boss.runtime.SandboxStatus;
import io.boss.runtime.artifact.ArtifactCache;
import io.boss.runtime.artifact.ArtifactResolver;
import io.boss.runtime.artifact.Digests;
import io.boss.runtime.container.ContainerProvider;
import io.boss.runtime.namespaced.BubblewrapProvider;
import io.boss.runtime.vm.QemuProvider;
import io.boss.runtime.vm.QemuSettings;
import io.boss.server.testing.LocalCluster;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Namespaced, WASM, container and VM pods through the API of a real three-replica cluster and a
 * real agent: bound by hand as the scheduler would bind them, with logs read through the API
 * server's proxy. The VM pods boot guests that {@code examples/vm/build.sh} builds.
 */
@Timeout(300)
class ProviderPodsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** A guest boots in about 6 s under software emulation on an idle host; a loaded one takes longer. */
    private static final Duration VM_WAIT = Duration.ofSeconds(180);
    /** Where {@code examples/vm/build.sh} puts the guests; kept between runs so the kernel is fetched once. */
    private static final Path GUEST = Path.of("target/vm-guest");
    private static final String NODE = "providers-node";
    /** examples/wasm/hello.wat assembled by wat2wasm 1.0.32: prints a greeting and exits with 0. */
    static final byte[] HELLO_WASM = {
        0, 97, 115, 109, 1, 0, 0, 0, 1, 16, 3, 96, 4, 127, 127, 127, 127, 1, 127, 96, 1, 127, 0, 96, 0, 0, 2, 70, 2,
        22, 119, 97, 115, 105, 95, 115, 110, 97, 112, 115, 104, 111, 116, 95, 112, 114, 101, 118, 105, 101, 119, 49,
        8, 102, 100, 95, 119, 114, 105, 116, 101, 0, 0, 22, 119, 97, 115, 105, 95, 115, 110, 97, 112, 115, 104, 111,
        116, 95, 112, 114, 101, 118, 105, 101, 119, 49, 9, 112, 114, 111, 99, 95, 101, 120, 105, 116, 0, 1, 3, 2, 1,
        2, 5, 3, 1, 0, 1, 7, 19, 2, 6, 109, 101, 109, 111, 114, 121, 2, 0, 6, 95, 115, 116, 97, 114, 116, 0, 2, 10,
        34, 1, 32, 0, 65, 0, 65, -128, 8, 54, 2, 0, 65, 4, 65, 30, 54, 2, 0, 65, 1, 65, 0, 65, 1, 65, 16, 16, 0, 26,
        65, 0, 16, 1, 11, 11, 37, 1, 0, 65, -128, 8, 11, 30, 104, 101, 108, 108, 111, 32, 102, 114, 111, 109, 32, 97,
        32, 98, 111, 115, 115, 32, 87, 65, 83, 77, 32, 109, 111, 100, 117, 108, 101, 10};

    @TempDir
    static Path dir;

    private static LocalCluster cluster;
    private static BossClient client;
    private static AgentHarness agent;
    private static Path module;
    private static String guestProblem;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.builder(dir.resolve("cluster")).replicas(3).start();
        List<URI> servers = new ArrayList<>();
        cluster.replicas().forEach(replica -> servers.add(replica.apiUri()));
        client = BossClient.builder().endpoints(String.join(",", servers.stream().map(URI::toString).toList()))
                .retryTimeout(Duration.ofSeconds(15)).build();
        agent = new AgentHarness(NODE, dir.resolve("state"), servers);
        agent.configuration().getProviders().getContainer().setEnabled(true);
        agent.configuration().getProviders().getNamespaced().setEnabled(true);
        agent.configuration().getProviders().getVm().setEnabled(true);
        guestProblem = buildGuest();
        agent.configuration().getProviders().getVm().setKernel(GUEST.resolve("vmlinuz").toAbsolutePath().toString());
        agent.configuration().getProviders().getVm().setDiskInitrd(
                GUEST.resolve("boot-initrd.cpio.gz").toAbsolutePath().toString());
        agent.start();
        module = Files.write(dir.resolve("hello.wasm"), HELLO_WASM);
    }

    @AfterAll
    static void stop() {
        try {
            if (client != null) {
                for (Pod pod : client.list(Pod.class, "default", null, null).getItems()) {
                    client.delete(Pod.class, "default", pod.getMetadata().getName(), null);
                }
                await("pods' containers removed").atMost(WAIT).untilAsserted(() ->
                        assertTrue(containers().isEmpty(), "containers left: " + containers()));
            }
        } finally {
            if (agent != null) {
                agent.stop();
            }
            if (client != null) {
                client.close();
            }
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    void wasmPodSucceedsWithLogsAndCachedArtifact() throws Exception {
        Pod pod = client.create(pod("wasm-hello", "wasm", "wasm", artifact("wasmModule", module.toString(), null)));

        PodStatus status = awaitPhase(pod, "Succeeded");

        assertEquals("wasm", status.getProvider());
        assertEquals(0, status.getExitCode());
        assertEquals("hello from a boss WASM module\n", logs(pod));
        String digest = Digests.of(module);
        await("node reports the cached module").atMost(WAIT).untilAsserted(() ->
                assertTrue(provider("wasm").getCachedArtifacts().contains(digest), "cached: "
                        + provider("wasm").getCachedArtifacts()));
    }

    @Test
    void digestMismatchFailsPodWithArtifactFetchFailed() {
        String wrong = "sha256:" + "0".repeat(64);
        Pod pod = client.create(pod("wasm-pinned", "wasm", "wasm", artifact("wasmModule", module.toString(), wrong)));

        PodStatus status = awaitPhase(pod, "Failed");

        assertEquals("ArtifactFetchFailed", status.getReason());
        assertTrue(status.getMessage().contains("expected " + wrong), status.getMessage());
        BossApiException noLog = assertThrows(BossApiException.class, () -> logs(pod));
        assertEquals(404, noLog.code());
        assertTrue(noLog.getMessage().contains("ended Failed without a sandbox on this node (ArtifactFetchFailed"),
                noLog.getMessage());
    }

    @Test
    void isolationStrongerThanProviderIsRejected() {
        Pod weaker = pod("wasm-weaker", "wasm", "wasm", artifact("wasmModule", module.toString(), null));
        weaker.getSpec().getSandbox().setIsolation("namespaced");
        Pod stronger = pod("wasm-stronger", "wasm", "wasm", artifact("wasmModule", module.toString(), null));
        stronger.getSpec().getSandbox().setIsolation("kernelIsolated");

        PodStatus accepted = awaitPhase(client.create(weaker), "Succeeded");
        PodStatus rejected = awaitPhase(client.create(stronger), "Failed");

        assertEquals(0, accepted.getExitCode());
        assertEquals("IsolationMismatch", rejected.getReason());
    }

    @Test
    void containerPodRunsAndDeleteCleansUp() throws Exception {
        ProviderStatus container = provider("container");
        assumeTrue(container.isHealthy(), "container provider unavailable, skipping: " + container.getReason());
        assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "busybox-static not installed, skipping");
        Path image = busyboxRootfs();
        Pod pod = pod("box", "container", "container", artifact("containerImage", null, null));
        pod.getSpec().getSandbox().getArtifact().setImage(image.toString());
        pod.getSpec().getContainers().get(0).setCommand(List.of("/bin/sh", "-c"));
        pod.getSpec().getContainers().get(0).setArgs(List.of("echo hello from a container; sleep 300"));

        Pod created = client.create(pod);
        PodStatus running = awaitPhase(created, "Running");

        assertEquals("container", running.getProvider());
        await("container output through the API").atMost(WAIT).untilAsserted(() ->
                assertEquals("hello from a container\n", logs(created)));
        String sandboxId = running.getSandboxId();
        assertTrue(containers().contains(sandboxId), "containers: " + containers());

        client.delete(Pod.class, "default", created.getMetadata().getName(), null);

        await("container " + sandboxId + " removed").atMost(WAIT).untilAsserted(() ->
                assertFalse(containers().contains(sandboxId), "containers: " + containers()));
    }

    @Test
    void namespacedPodHasOnlyLoopback() throws Exception {
        ProviderStatus namespaced = provider("namespaced");
        assumeTrue(namespaced.isHealthy(), "namespaced provider unavailable, skipping: " + namespaced.getReason());
        Pod pod = pod("isolated", "process", "namespaced", null);
        pod.getSpec().getSandbox().setIsolation("namespaced");
        pod.getSpec().getContainers().get(0).setCommand(List.of("/bin/sh", "-c",
                "echo devices: $(tail -n +3 /proc/net/dev | cut -d: -f1); echo hostname $(hostname); sleep 300"));

        Pod created = client.create(pod);
        PodStatus running = awaitPhase(created, "Running");

        assertEquals("namespaced", running.getProvider());
        await("namespaced output through the API").atMost(WAIT).untilAsserted(() ->
                assertTrue(logs(created).contains("devices: lo\n"), logs(created)));
        String sandboxId = running.getSandboxId();
        assertTrue(sandboxes(new BubblewrapProvider(dir.resolve("state"))).contains(sandboxId));

        client.delete(Pod.class, "default", created.getMetadata().getName(), null);

        await("namespaced sandbox " + sandboxId + " removed").atMost(WAIT).untilAsserted(() ->
                assertFalse(sandboxes(new BubblewrapProvider(dir.resolve("state"))).contains(sandboxId)));
    }

    @Test
    void vmPodReportsGuestOutputAndExitCode() throws Exception {
        assumeTrue(guestProblem == null, guestProblem);
        ProviderStatus vm = provider("vm");
        assumeTrue(vm.isHealthy(), "vm provider unavailable, skipping: " + vm.getReason());
        Pod pod = pod("vm-exit", "vm", "vm",
                artifact("rootfsImage", GUEST.resolve("rootfs.cpio.gz").toAbsolutePath().toString(), null));
        pod.getSpec().getContainers().get(0).setCommand(List.of("/bin/sh", "-c", "echo hello from the guest; exit 3"));

        PodStatus failed = awaitPhase(client.create(pod), "Failed", VM_WAIT);

        assertEquals("vm", failed.getProvider());
        assertEquals(3, failed.getExitCode(), failed.getMessage());
        assertTrue(logs(pod).contains("hello from the guest\n"), logs(pod));
    }

    @Test
    void diskImageVmRunsAndStopsOnDelete() throws Exception {
        assumeTrue(guestProblem == null, guestProblem);
        ProviderStatus vm = provider("vm");
        assumeTrue(vm.isHealthy(), "vm provider unavailable, skipping: " + vm.getReason());
        assertTrue(vm.getArtifactTypes().contains("diskImage"), "artifact types: " + vm.getArtifactTypes());
        Pod pod = pod("vm-disk", "vm", "vm",
                artifact("diskImage", GUEST.resolve("disk.img").toAbsolutePath().toString(), null));
        pod.getSpec().getContainers().get(0).setCommand(List.of("/bin/sh", "-c",
                "grep ' / ' /proc/mounts; echo booted; sleep 600"));

        Pod created = client.create(pod);
        PodStatus running = awaitPhase(created, "Running", VM_WAIT);
        await("the disk guest boots").atMost(VM_WAIT).untilAsserted(() ->
                assertTrue(logs(created).contains("booted\n"), logs(created)));

        assertTrue(logs(created).contains("/dev/vda / ext4"), logs(created));
        String sandboxId = running.getSandboxId();
        QemuProvider vms = new QemuProvider(dir.resolve("state"), QemuSettings.vm(GUEST.resolve("vmlinuz")),
                new ArtifactResolver(new ArtifactCache(dir.resolve("unused-cache"), 1 << 20, Clock.systemUTC())));
        assertTrue(sandboxes(vms).contains(sandboxId));

        client.delete(Pod.class, "default", created.getMetadata().getName(), null);

        await("VM " + sandboxId + " removed").atMost(WAIT).untilAsserted(() ->
                assertFalse(sandboxes(vms).contains(sandboxId)));
    }

    private static Pod pod(String name, String sandboxClass, String provider, Artifact artifact) {
        Pod pod = new Pod("default", name);
        Container container = new Container();
        container.setName("main");
        pod.getSpec().setContainers(List.of(container));
        pod.getSpec().setRestartPolicy("Never");
        pod.getSpec().setSandboxClass(sandboxClass);
        SandboxIntent intent = new SandboxIntent();
        intent.setArtifact(artifact);
        pod.getSpec().setSandbox(intent);
        pod.getSpec().setNodeName(NODE);
        pod.getMetadata().getAnnotations().put(PodSandboxSpecs.RESOLVED_CLASS_ANNOTATION, sandboxClass);
        pod.getMetadata().getAnnotations().put(PodReconciler.SELECTED_PROVIDER_ANNOTATION, provider);
        return pod;
    }

    private static Artifact artifact(String type, String path, String digest) {
        Artifact artifact = new Artifact();
        artifact.setType(type);
        artifact.setPath(path);
        artifact.setDigest(digest);
        return artifact;
    }

    private static PodStatus awaitPhase(Pod pod, String phase) {
        return awaitPhase(pod, phase, WAIT);
    }

    private static PodStatus awaitPhase(Pod pod, String phase, Duration wait) {
        return await("pod " + pod.key() + " in phase " + phase).atMost(wait)
                .until(() -> read(pod).getStatus(), status -> phase.equals(status.getPhase()));
    }

    private static Pod read(Pod pod) {
        return client.get(Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName()).orElseThrow();
    }

    private static String logs(Pod pod) throws Exception {
        try (InputStream in = client.podLogs("default", pod.getMetadata().getName(), false, null)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ProviderStatus provider(String name) {
        Node node = await("node " + NODE + " reports provider " + name).atMost(WAIT)
                .until(() -> client.get(Node.class, null, NODE), Optional::isPresent).orElseThrow();
        return node.getStatus().getRuntimeCapabilities().getProviders().stream()
                .filter(provider -> provider.getName().equals(name)).findFirst().orElseThrow();
    }

    /** Lists the sandbox ids of the agent's containers, through a second provider over its state directory. */
    private static List<String> containers() throws Exception {
        return sandboxes(new ContainerProvider(dir.resolve("state"), new ArtifactResolver(
                new ArtifactCache(dir.resolve("unused-cache"), 1 << 20, Clock.systemUTC()))));
    }

    /** Lists the sandbox ids that {@code provider}, a second instance over the agent's state directory, finds. */
    private static List<String> sandboxes(SandboxProvider provider) throws Exception {
        return provider.list().stream().map(SandboxStatus::sandboxId).toList();
    }

    /** Builds the VM guests with examples/vm/build.sh unless built; returns why they are missing, or null. */
    private static String buildGuest() throws Exception {
        boolean built = Stream.of("vmlinuz", "rootfs.cpio.gz", "disk.img", "boot-initrd.cpio.gz")
                .allMatch(file -> Files.isRegularFile(GUEST.resolve(file)));
        if (built) {
            return null;
        }
        Path script = Path.of("..", "examples", "vm", "build.sh");
        if (!Files.isExecutable(script)) {
            return "examples/vm/build.sh not found from " + Path.of("").toAbsolutePath();
        }
        Process build = new ProcessBuilder(script.toString(), GUEST.toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = build.waitFor(5, TimeUnit.MINUTES);
        return finished && build.exitValue() == 0 ? null : "cannot build the VM guests, skipping: " + output;
    }

    private static Path busyboxRootfs() throws Exception {
        Path rootfs = Files.createDirectories(dir.resolve("rootfs/bin"));
        Files.copy(Path.of("/bin/busybox"), rootfs.resolve("busybox"));
        for (String applet : List.of("sh", "echo", "sleep")) {
            Files.createSymbolicLink(rootfs.resolve(applet), Path.of("busybox"));
        }
        Path tar = dir.resolve("busybox-rootfs.tar");
        Process process = new ProcessBuilder("tar", "-C", dir.resolve("rootfs").toString(), "-cf", tar.toString(), ".")
                .inheritIO().start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "tar timed out");
        assertEquals(0, process.exitValue(), "tar exit code");
        return tar;
    }
}
