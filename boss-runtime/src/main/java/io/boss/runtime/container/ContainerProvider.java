package io.boss.runtime.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.boss.api.model.ArtifactType;
import io.boss.api.model.IsolationLevel;
import io.boss.api.model.NetworkMode;
import io.boss.api.model.Reason;
import io.boss.api.model.SandboxClass;
import io.boss.runtime.CachedCapabilities;
import io.boss.runtime.CompatibilityProblem;
import io.boss.runtime.LogOptions;
import io.boss.runtime.ProviderCapabilities;
import io.boss.runtime.SandboxException;
import io.boss.runtime.SandboxProvider;
import io.boss.runtime.SandboxSpec;
import io.boss.runtime.SandboxState;
import io.boss.runtime.SandboxStatus;
import io.boss.runtime.artifact.ArtifactResolver;
import io.boss.runtime.artifact.Digests;
import io.boss.runtime.host.Executables;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code container} provider: runs a {@code containerImage} with podman and runc through the
 * podman CLI. The image is a reference to an image already in the provider's own image storage,
 * or a host path or URL of an image archive: a {@code docker-archive} or {@code oci-archive} tar
 * is loaded with {@code podman load}, any other tar is taken as a root file system and imported
 * with {@code podman import}. Archives pass through the artifact cache and its digest check
 * first. Images are never pulled from a registry.
 *
 * <p>Each sandbox is the container {@code boss-<sandboxId>}, labelled with its sandbox id and a
 * digest of its spec, so a new provider instance finds it again from podman alone. Containers
 * run with {@code --init}, so SIGTERM reaches a workload that runs as PID 1 and does not handle
 * signals, such as a busybox shell. Network {@code none} or {@code host}. The memory limit
 * becomes {@code --memory}, the CPU limit a CFS quota ({@code --cpus}, at least 10m) and the CPU
 * request a weight ({@code --cpu-shares}). Exit codes are the workload's, 143 after a stop that
 * SIGTERM ended, 137 after one that needed SIGKILL.
 *
 * <p>Self-check: a cheap one (podman, runc, conmon and catatonit on the search path) on every
 * refresh, and a full one (import a 129-byte probe image and run it) at the first check, at
 * most every {@link #FULL_CHECK_INTERVAL} after, and whenever the cheap check was failing.
 *
 * <p>Threading: thread-safe; operations on one sandbox id hold that id's lock.
 */
public final class ContainerProvider implements SandboxProvider {

    /** The provider's name on a node. */
    public static final String NAME = "container";
    /** How often the self-check runs a probe container. */
    public static final Duration FULL_CHECK_INTERVAL = Duration.ofMinutes(5);
    /** The resource limits podman's defaults exceed on hosts where root lacks CAP_SYS_RESOURCE. */
    public static final List<String> DEFAULT_ULIMITS = List.of("nofile=20000:20000", "nproc=32768:32768");

    static final String SANDBOX_LABEL = "boss.io/sandbox";
    static final String SPEC_LABEL = "boss.io/spec-digest";
    private static final String PROBE_IMAGE = "localhost/boss-probe:1";
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration KILL_MARGIN = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(ContainerProvider.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path baseDir;
    private final ArtifactResolver resolver;
    private final String searchPath;
    private final String runtime;
    private final List<String> ulimits;
    private final CachedCapabilities capabilities;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, String> imagesByDigest = new ConcurrentHashMap<>();
    private final Set<String> createdNotStarted = ConcurrentHashMap.newKeySet();
    // Ids seen by a successful list() or passed to create(), minus removed ones. Only create()
    // makes containers with the sandbox label, and one agent runs per node, so after one successful
    // list() an id outside this set has no container and list(prefix) skips the podman call for it.
    private final Set<String> knownIds = ConcurrentHashMap.newKeySet();
    private volatile boolean listedOnce;
    private volatile PodmanCli podman;
    private volatile long lastFullCheckNanos;
    private volatile ProviderCapabilities lastFullCheck;

    public ContainerProvider(Path stateDir, ArtifactResolver resolver) {
        this(stateDir, resolver, System.getenv("PATH"), "runc", DEFAULT_ULIMITS, Duration.ofSeconds(10));
    }

    /**
     * @param searchPath the directories searched for podman and its helpers, in PATH syntax
     * @param runtime the OCI runtime podman uses, {@code runc} by default
     * @param ulimits the {@code --ulimit} values every container gets
     */
    public ContainerProvider(Path stateDir, ArtifactResolver resolver, String searchPath, String runtime,
            List<String> ulimits, Duration capabilitiesRefresh) {
        this.baseDir = stateDir.resolve(NAME);
        this.resolver = resolver;
        this.searchPath = searchPath;
        this.runtime = runtime;
        this.ulimits = List.copyOf(ulimits);
        this.capabilities = new CachedCapabilities(this::selfCheck, capabilitiesRefresh);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProviderCapabilities capabilities() {
        return capabilities.get().withCachedArtifacts(resolver.cachedDigests());
    }

    private ProviderCapabilities selfCheck() {
        ProviderCapabilities offered = new ProviderCapabilities(NAME, true, null, "unknown",
                Set.of(SandboxClass.CONTAINER), Set.of(ArtifactType.CONTAINER_IMAGE),
                Set.of(IsolationLevel.SHARED_HOST, IsolationLevel.NAMESPACED),
                Set.of(NetworkMode.NONE, NetworkMode.HOST), null);
        for (String tool : List.of("podman", runtime, "conmon", "catatonit")) {
            if (find(tool).isEmpty()) {
                podman = null;
                lastFullCheck = null;
                return offered.unhealthy(tool + " not installed (apt-get install podman " + runtime
                        + " conmon catatonit)");
            }
        }
        if (podman == null) {
            podman = new PodmanCli(find("podman").orElseThrow(), baseDir, runtime);
        }
        boolean due = lastFullCheck == null || System.nanoTime() - lastFullCheckNanos >= FULL_CHECK_INTERVAL.toNanos();
        if (due) {
            lastFullCheck = fullCheck(offered);
            lastFullCheckNanos = System.nanoTime();
            if (!lastFullCheck.healthy()) {
                LOG.warn("Provider unhealthy provider={} reason={}", NAME, lastFullCheck.reason());
            }
        }
        return lastFullCheck;
    }

    /** Reads podman's version, then imports the probe image once and runs it. */
    private ProviderCapabilities fullCheck(ProviderCapabilities offered) {
        try {
            PodmanCli.Result version = podman.run(List.of("version", "--format", "{{.Client.Version}}"),
                    COMMAND_TIMEOUT);
            if (!version.ok()) {
                return offered.unhealthy("podman version failed: " + version.error());
            }
            ProviderCapabilities healthy = new ProviderCapabilities(NAME, true, null,
                    "podman " + version.stdout().strip() + " with " + runtime, offered.classes(),
                    offered.artifactTypes(), offered.isolationLevels(), offered.networkModes(), null);
            if (!ProbeImage.supported()) {
                return healthy;
            }
            if (!podman.run(List.of("image", "exists", PROBE_IMAGE), COMMAND_TIMEOUT).ok()) {
                Files.createDirectories(baseDir);
                Path tar = baseDir.resolve("probe-rootfs.tar");
                ProbeImage.writeTar(tar);
                PodmanCli.Result imported = podman.run(List.of("import", tar.toString(), PROBE_IMAGE), COMMAND_TIMEOUT);
                Files.deleteIfExists(tar);
                if (!imported.ok()) {
                    return offered.unhealthy("podman cannot import an image into " + baseDir + ": " + imported.error());
                }
            }
            List<String> probe = new ArrayList<>(List.of("run", "--rm", "--network", "none", "--pull", "never"));
            ulimits.forEach(limit -> probe.addAll(List.of("--ulimit", limit)));
            probe.addAll(List.of(PROBE_IMAGE, "/true"));
            PodmanCli.Result ran = podman.run(probe, COMMAND_TIMEOUT);
            if (!ran.ok()) {
                return offered.unhealthy(runtime + " rejected the probe container: " + ran.error());
            }
            return healthy;
        } catch (IOException e) {
            return offered.unhealthy("podman self-check failed: " + e.getMessage());
        }
    }

    /** Resolves and loads the image archive, or checks that a named image exists. */
    @Override
    public void prepare(SandboxSpec spec) throws SandboxException {
        image(spec);
    }

    /**
     * Creates the container. To save a podman call on the common path it runs
     * {@code podman create} first and looks for an existing container only when that fails.
     */
    @Override
    public SandboxStatus create(SandboxSpec spec) throws SandboxException {
        synchronized (lockFor(spec.sandboxId())) {
            Optional<CompatibilityProblem> problem = CompatibilityProblem.find(spec, capabilities());
            if (problem.isPresent() && find(spec.sandboxId(), Reason.CreateFailed).isEmpty()) {
                throw new SandboxException(problem.get().reason(), problem.get().message());
            }

            knownIds.add(spec.sandboxId());
            String specDigest = Digests.ofText(spec.toString());
            String image = image(spec);
            List<String> create = ContainerArguments.create(spec, containerName(spec.sandboxId()), image, specDigest,
                    ulimits);
            PodmanCli.Result result = call(create, Reason.CreateFailed, spec.sandboxId());
            if (!result.ok()) {
                Optional<JsonNode> existing = find(spec.sandboxId(), Reason.CreateFailed);
                if (existing.isEmpty()) {
                    // The image may have been deleted behind the provider's back; load it again next time.
                    imagesByDigest.values().remove(image);
                    throw new SandboxException(Reason.CreateFailed, "podman create failed for sandbox "
                            + spec.sandboxId() + ": " + result.error());
                }
                if (!specDigest.equals(existing.get().path("Labels").path(SPEC_LABEL).asText())) {
                    throw new SandboxException(Reason.CreateFailed, "sandbox " + spec.sandboxId()
                            + " already exists with a different spec; remove it first or use a new sandbox id");
                }
                return toStatus(spec.sandboxId(), existing.get());
            }
            createdNotStarted.add(spec.sandboxId());
            LOG.info("Created sandbox provider={} sandbox={} pod={}/{} image={}", NAME, spec.sandboxId(),
                    spec.podNamespace(), spec.podName(), image);
            return new SandboxStatus(spec.sandboxId(), SandboxState.CREATED, null, null, null, null, null);
        }
    }

    /**
     * Starts a created container. A container this instance created and has not started is
     * started without a status call first; any other is checked, because {@code podman start}
     * would run an exited container again.
     */
    @Override
    public SandboxStatus start(String sandboxId) throws SandboxException {
        synchronized (lockFor(sandboxId)) {
            if (!createdNotStarted.contains(sandboxId)) {
                SandboxStatus status = require(sandboxId, Reason.StartFailed);
                if (status.state() != SandboxState.CREATED || Files.exists(stoppedMarker(sandboxId))) {
                    return status;
                }
            }
            PodmanCli.Result result = call(List.of("start", containerName(sandboxId)), Reason.StartFailed, sandboxId);
            createdNotStarted.remove(sandboxId);
            if (!result.ok()) {
                throw new SandboxException(Reason.StartFailed, "podman start failed for sandbox " + sandboxId + ": "
                        + result.error());
            }
            LOG.info("Started sandbox provider={} sandbox={}", NAME, sandboxId);
            // A workload that has already ended shows as exited at the next status call.
            return new SandboxStatus(sandboxId, SandboxState.RUNNING, null, Instant.now(), null, null, null);
        }
    }

    @Override
    public SandboxStatus stop(String sandboxId, Duration grace) throws SandboxException {
        synchronized (lockFor(sandboxId)) {
            SandboxStatus status = require(sandboxId, Reason.StopFailed);
            if (status.state() == SandboxState.CREATED) {
                createdNotStarted.remove(sandboxId);
                markStoppedBeforeStart(sandboxId);
                return require(sandboxId, Reason.StopFailed);
            }
            if (status.state() != SandboxState.RUNNING) {
                return status;
            }
            long seconds = Math.max(0, (grace.toMillis() + 999) / 1000);
            PodmanCli.Result result;
            try {
                result = podman().run(List.of("stop", "--time", Long.toString(seconds), containerName(sandboxId)),
                        grace.plus(KILL_MARGIN));
            } catch (IOException e) {
                throw new SandboxException(Reason.StopFailed, "podman stop failed for sandbox " + sandboxId + ": "
                        + e.getMessage(), e);
            }
            if (!result.ok()) {
                throw new SandboxException(Reason.StopFailed, "podman stop failed for sandbox " + sandboxId + ": "
                        + result.error());
            }
            SandboxStatus stopped = require(sandboxId, Reason.StopFailed);
            LOG.info("Stopped sandbox provider={} sandbox={} exitCode={}", NAME, sandboxId, stopped.exitCode());
            return stopped;
        }
    }

    @Override
    public void remove(String sandboxId) throws SandboxException {
        synchronized (lockFor(sandboxId)) {
            PodmanCli.Result result = call(List.of("rm", "--force", "--ignore", "--time", "0",
                    containerName(sandboxId)), Reason.StopFailed, sandboxId);
            if (!result.ok()) {
                throw new SandboxException(Reason.StopFailed, "podman rm failed for sandbox " + sandboxId + ": "
                        + result.error());
            }
            createdNotStarted.remove(sandboxId);
            knownIds.remove(sandboxId);
            try {
                Files.deleteIfExists(stoppedMarker(sandboxId));
            } catch (IOException e) {
                throw new SandboxException(Reason.StopFailed, "cannot delete " + stoppedMarker(sandboxId) + ": "
                        + e.getMessage(), e);
            }
            LOG.info("Removed sandbox provider={} sandbox={}", NAME, sandboxId);
        }
    }

    @Override
    public Optional<SandboxStatus> status(String sandboxId) throws SandboxException {
        if (find("podman").isEmpty()) {
            return Optional.empty();
        }
        Optional<JsonNode> container = find(sandboxId, Reason.StatusUnknown);
        return container.map(node -> toStatus(sandboxId, node));
    }

    /** Streams {@code podman logs}; closing the stream ends the podman process. */
    @Override
    public InputStream logs(String sandboxId, LogOptions options) throws SandboxException {
        require(sandboxId, Reason.StatusUnknown);
        List<String> arguments = new ArrayList<>(List.of("logs"));
        if (options.follow()) {
            arguments.add("--follow");
        }
        if (options.tailLines() != null) {
            arguments.addAll(List.of("--tail", options.tailLines().toString()));
        }
        arguments.add(containerName(sandboxId));
        try {
            Process process = new ProcessBuilder(podman().command(arguments)).redirectErrorStream(true).start();
            process.getOutputStream().close();
            return new ProcessOutputStream(process);
        } catch (IOException e) {
            throw new SandboxException(Reason.StatusUnknown, "cannot run podman logs for sandbox " + sandboxId + ": "
                    + e.getMessage(), e);
        }
    }

    /** Lists the provider's containers; none when podman is not installed, since none can exist. */
    @Override
    public List<SandboxStatus> list() throws SandboxException {
        if (find("podman").isEmpty()) {
            return List.of();
        }
        PodmanCli.Result result = call(List.of("ps", "--all", "--filter", "label=" + SANDBOX_LABEL, "--format", "json"),
                Reason.StatusUnknown, "*");
        if (!result.ok()) {
            throw new SandboxException(Reason.StatusUnknown, "podman ps failed: " + result.error());
        }
        Map<String, SandboxStatus> statuses = new TreeMap<>();
        for (JsonNode container : parseArray(result.stdout())) {
            String id = container.path("Labels").path(SANDBOX_LABEL).asText();
            if (SandboxSpec.isValidSandboxId(id)) {
                statuses.put(id, toStatus(id, container));
            }
        }
        knownIds.addAll(statuses.keySet());
        listedOnce = true;
        return new ArrayList<>(statuses.values());
    }

    /** Lists the matching containers, without a podman call when no known sandbox id matches. */
    @Override
    public List<SandboxStatus> list(String sandboxIdPrefix) throws SandboxException {
        if (listedOnce && knownIds.stream().noneMatch(id -> id.startsWith(sandboxIdPrefix))) {
            return List.of();
        }
        return SandboxProvider.super.list(sandboxIdPrefix);
    }

    private SandboxStatus toStatus(String sandboxId, JsonNode container) {
        String state = container.path("State").asText();
        Instant startedAt = epoch(container.path("StartedAt"));
        Instant exitedAt = epoch(container.path("ExitedAt"));
        long pid = container.path("Pid").asLong(0);
        boolean stoppedBeforeStart = Files.exists(stoppedMarker(sandboxId));
        switch (state) {
            case "created", "configured", "initialized" -> {
                if (stoppedBeforeStart) {
                    return new SandboxStatus(sandboxId, SandboxState.EXITED, null, null, null, null,
                            "stopped before it was started");
                }
                return new SandboxStatus(sandboxId, SandboxState.CREATED, null, null, null, null, null);
            }
            case "running", "paused", "stopping" -> {
                return new SandboxStatus(sandboxId, SandboxState.RUNNING, null, startedAt, null, pid > 0 ? pid : null,
                        null);
            }
            case "exited", "stopped", "removing" -> {
                int code = container.path("ExitCode").asInt();
                return new SandboxStatus(sandboxId, SandboxState.EXITED, code, startedAt, exitedAt, null, null);
            }
            default -> {
                return new SandboxStatus(sandboxId, SandboxState.UNKNOWN, null, startedAt, null, null,
                        "podman reports container state '" + state + "'");
            }
        }
    }

    /** Returns the container's {@code podman ps} entry, or empty when there is none. */
    private Optional<JsonNode> find(String sandboxId, Reason failure) throws SandboxException {
        if (!SandboxSpec.isValidSandboxId(sandboxId)) {
            throw new SandboxException(Reason.InvalidSpec, SandboxSpec.invalidSandboxIdMessage(sandboxId));
        }
        PodmanCli.Result result = call(List.of("ps", "--all", "--filter", "label=" + SANDBOX_LABEL + "=" + sandboxId,
                "--format", "json"), failure, sandboxId);
        if (!result.ok()) {
            throw new SandboxException(failure, "podman ps failed for sandbox " + sandboxId + ": " + result.error());
        }
        List<JsonNode> containers = parseArray(result.stdout());
        return containers.isEmpty() ? Optional.empty() : Optional.of(containers.get(0));
    }

    private SandboxStatus require(String sandboxId, Reason failure) throws SandboxException {
        return find(sandboxId, failure).map(node -> toStatus(sandboxId, node)).orElseThrow(() ->
                new SandboxException(failure, "provider 'container' has no sandbox " + sandboxId + "; create it first"));
    }

    /**
     * Returns the image reference to create the container from: the loaded or imported archive,
     * or the named image after checking that it exists and, with a digest, that its id matches.
     */
    private String image(SandboxSpec spec) throws SandboxException {
        if (spec.artifact() == null || spec.artifact().type() != ArtifactType.CONTAINER_IMAGE
                || spec.artifact().location() == null) {
            throw new SandboxException(Reason.UnsupportedArtifact, "sandbox " + spec.sandboxId()
                    + " needs a containerImage artifact with an image name or an archive path or uri");
        }
        String location = spec.artifact().location();
        if (ImageArchives.isArchiveReference(location)) {
            Path archive = resolver.resolve(spec.artifact(), spec.sandboxId());
            String digest = "sha256:" + archive.getFileName();
            // Loaded by this instance before: trusted without asking podman, which saves a call per start.
            String loaded = imagesByDigest.get(digest);
            if (loaded != null) {
                return loaded;
            }
            loaded = ImageArchives.load(podman(), archive, digest, spec.sandboxId());
            imagesByDigest.put(digest, loaded);
            return loaded;
        }
        PodmanCli.Result inspect = call(List.of("image", "inspect", "--format", "{{.Id}}", location),
                Reason.ArtifactFetchFailed, spec.sandboxId());
        if (!inspect.ok()) {
            throw new SandboxException(Reason.ArtifactFetchFailed, "image " + location + " of sandbox "
                    + spec.sandboxId() + " is not in the provider's image storage and images are never pulled; "
                    + "give an image archive (a .tar path or uri) instead");
        }
        String expected = spec.artifact().digest();
        String id = "sha256:" + inspect.stdout().strip();
        if (expected != null && !expected.equalsIgnoreCase(id)) {
            throw new SandboxException(Reason.ArtifactFetchFailed, "image " + location + " of sandbox "
                    + spec.sandboxId() + " has id " + id + ", expected " + expected);
        }
        return location;
    }

    private PodmanCli.Result call(List<String> arguments, Reason failure, String sandboxId) throws SandboxException {
        try {
            return podman().run(arguments, COMMAND_TIMEOUT);
        } catch (IOException e) {
            throw new SandboxException(failure, "podman " + arguments.get(0) + " failed for sandbox " + sandboxId
                    + ": " + e.getMessage(), e);
        }
    }

    private PodmanCli podman() throws SandboxException {
        PodmanCli cli = podman;
        if (cli == null) {
            Path executable = find("podman").orElseThrow(() -> new SandboxException(Reason.ProviderUnavailable,
                    "podman not installed (apt-get install podman)"));
            cli = new PodmanCli(executable, baseDir, runtime);
            podman = cli;
        }
        return cli;
    }

    private Optional<Path> find(String tool) {
        return Executables.resolve(tool, searchPath, Path.of("/"));
    }

    private void markStoppedBeforeStart(String sandboxId) throws SandboxException {
        try {
            Files.createDirectories(stoppedMarker(sandboxId).getParent());
            Files.writeString(stoppedMarker(sandboxId), Instant.now().toString());
        } catch (IOException e) {
            throw new SandboxException(Reason.StopFailed, "cannot record the stop of sandbox " + sandboxId + ": "
                    + e.getMessage(), e);
        }
    }

    /** Returns the marker file that shows the sandbox was stopped before it started, so it never starts. */
    private Path stoppedMarker(String sandboxId) {
        return baseDir.resolve("stopped-before-start").resolve(sandboxId);
    }

    static String containerName(String sandboxId) {
        return "boss-" + sandboxId;
    }

    private static Instant epoch(JsonNode seconds) {
        long value = seconds.asLong(0);
        return value > 0 ? Instant.ofEpochSecond(value) : null;
    }

    private static List<JsonNode> parseArray(String json) {
        List<JsonNode> nodes = new ArrayList<>();
        if (json.isBlank()) {
            return nodes;
        }
        try {
            JSON.readTree(json).forEach(nodes::add);
        } catch (IOException e) {
            LOG.warn("Cannot parse podman JSON output: {}", e.getMessage());
        }
        return nodes;
    }

    private Object lockFor(String sandboxId) {
        return locks.computeIfAbsent(sandboxId, id -> new Object());
    }
}
