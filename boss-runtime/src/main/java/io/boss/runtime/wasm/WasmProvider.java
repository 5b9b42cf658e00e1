package io.boss.runtime.wasm;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
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
import io.boss.runtime.host.LogFile;
import io.boss.runtime.host.SandboxFiles;
import io.boss.runtime.host.SandboxRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code wasm} provider: runs a WASI preview 1 command module ({@code wasmModule} artifact)
 * with the Chicory interpreter inside the agent's JVM, one platform thread per module. Isolation
 * is {@code runtimeSandboxed}: the module reaches the host only through the WASI calls, and it
 * gets no network, no preopened directory and an empty stdin. The spec's command and args become
 * the WASI arguments, its env the WASI environment, and stdout and stderr go to the sandbox's
 * output file. Each module's linear memory is capped at {@code maxMemoryBytes}, or at the spec's
 * memory request when that is lower.
 *
 * <p>Stop interrupts the module's thread, which ends it at its next instruction; WASI has no
 * signals, so the module cannot clean up and the grace period only bounds the wait. Records
 * and output are kept under {@code <stateDir>/wasm/<sandboxId>/} as for host processes, but a
 * module does not outlive its agent: a new provider instance reports a module that was still
 * running as exited, without an exit code.
 *
 * <p>Threading: thread-safe; operations on one sandbox id hold that id's lock.
 */
public final class WasmProvider implements SandboxProvider {

    private static final String CHICORY_POM_PROPERTIES = "/META-INF/maven/com.dylibso.chicory/runtime/pom.properties";

    /** The provider's name on a node. */
    public static final String NAME = "wasm";
    /** The default cap on one module's linear memory. */
    public static final long DEFAULT_MAX_MEMORY_BYTES = 64L * 1024 * 1024;
    /** The default number of modules that may run at once. */
    public static final int DEFAULT_MAX_MODULES = 256;
    /** How long a stop or remove waits for an interrupted module beyond the grace period. */
    static final Duration INTERRUPT_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(WasmProvider.class);
    private static final int PAGE_BYTES = 65536;
    private static final int PARSED_MODULES_KEPT = 32;
    /** {@code (module (func (export "_start")))}, instantiated by the self-check. */
    private static final byte[] EMPTY_COMMAND_MODULE = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
        0x03, 0x02, 0x01, 0x00,
        0x07, 0x0a, 0x01, 0x06, '_', 's', 't', 'a', 'r', 't', 0x00, 0x00,
        0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b};

    private final Path baseDir;
    private final ArtifactResolver resolver;
    private final long maxMemoryBytes;
    private final int maxModules;
    private final Clock clock;
    private final CachedCapabilities capabilities;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, ModuleRun> running = new ConcurrentHashMap<>();
    private final Map<String, WasmModule> parsedModules = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, WasmModule> eldest) {
            return size() > PARSED_MODULES_KEPT;
        }
    };

    public WasmProvider(Path stateDir, ArtifactResolver resolver) {
        this(stateDir, resolver, DEFAULT_MAX_MEMORY_BYTES, DEFAULT_MAX_MODULES, Duration.ofSeconds(10));
    }

    /**
     * @param maxMemoryBytes the cap on one module's linear memory, at least one 64 KiB page
     * @param maxModules how many modules may run at once; reported as the capacity
     */
    public WasmProvider(Path stateDir, ArtifactResolver resolver, long maxMemoryBytes, int maxModules,
            Duration capabilitiesRefresh) {
        if (maxMemoryBytes < PAGE_BYTES) {
            throw new IllegalArgumentException("wasm maxMemoryBytes must be at least one page (65536), got "
                    + maxMemoryBytes);
        }
        if (maxModules < 1) {
            throw new IllegalArgumentException("wasm maxModules must be at least 1, got " + maxModules);
        }
        this.baseDir = stateDir.resolve(NAME);
        this.resolver = resolver;
        this.maxMemoryBytes = maxMemoryBytes;
        this.maxModules = maxModules;
        this.clock = Clock.systemUTC();
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

    /** Returns Chicory's version from the Maven metadata in its jar, whose manifest names none. */
    private static String chicoryVersion() {
        try (InputStream in = Instance.class.getResourceAsStream(CHICORY_POM_PROPERTIES)) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Instantiates and runs an empty command module, which fails only when the runtime is broken. */
    private ProviderCapabilities selfCheck() {
        String version = "chicory " + chicoryVersion();
        ProviderCapabilities healthy = new ProviderCapabilities(NAME, true, null, version,
                Set.of(SandboxClass.WASM), Set.of(ArtifactType.WASM_MODULE),
                Set.of(IsolationLevel.SHARED_HOST, IsolationLevel.NAMESPACED, IsolationLevel.RUNTIME_SANDBOXED),
                Set.of(NetworkMode.NONE), maxModules);
        try {
            Instance.builder(Parser.parse(EMPTY_COMMAND_MODULE)).withStart(false).build().export("_start").apply();
            return healthy;
        } catch (RuntimeException | LinkageError e) {
            return healthy.unhealthy("the Chicory runtime cannot run a module: " + e);
        }
    }

    /** Resolves the module into the artifact cache and parses it, so that start does neither. */
    @Override
    public void prepare(SandboxSpec spec) throws SandboxException {
        load(spec);
    }

    @Override
    public SandboxStatus create(SandboxSpec spec) throws SandboxException {
        synchronized (lockFor(spec.sandboxId())) {
            SandboxFiles files = filesFor(spec.sandboxId());
            Optional<SandboxRecord> existing = readRecord(files, Reason.CreateFailed);
            if (existing.isPresent()) {
                if (!existing.get().spec().equals(spec)) {
                    throw new SandboxException(Reason.CreateFailed, "sandbox " + spec.sandboxId()
                            + " already exists with a different spec; remove it first or use a new sandbox id");
                }
                return observe(existing.get(), files);
            }
            Optional<CompatibilityProblem> problem = CompatibilityProblem.find(spec, capabilities());
            if (problem.isPresent()) {
                throw new SandboxException(problem.get().reason(), problem.get().message());
            }
            load(spec);

            SandboxRecord created = SandboxRecord.created(spec, clock.instant());
            writeRecord(files, created, Reason.CreateFailed);
            LOG.info("Created sandbox provider={} sandbox={} pod={}/{}", NAME, spec.sandboxId(), spec.podNamespace(),
                    spec.podName());
            return observe(created, files);
        }
    }

    @Override
    public SandboxStatus start(String sandboxId) throws SandboxException {
        synchronized (lockFor(sandboxId)) {
            SandboxFiles files = filesFor(sandboxId);
            SandboxRecord record = requireRecord(files, sandboxId, Reason.StartFailed);
            if (record.startedAt() != null || record.stoppedBeforeStartAt() != null) {
                return observe(record, files);
            }
            if (running.size() >= maxModules) {
                throw new SandboxException(Reason.InsufficientResources, "provider wasm already runs " + running.size()
                        + " modules, its maximum; stop one or raise maxModules");
            }

            SandboxSpec spec = record.spec();
            WasmModule module = load(spec);
            ModuleRun run = new ModuleRun(sandboxId, module, arguments(spec), spec.env(), memoryCapPages(spec),
                    files.output(), files.exitFile(), () -> running.remove(sandboxId));
            SandboxRecord started = new SandboxRecord(spec, record.createdAt(), clock.instant(), null, -1, null, null);
            writeRecord(files, started, Reason.StartFailed);
            running.put(sandboxId, run);
            run.start();
            LOG.info("Started sandbox provider={} sandbox={} module={} memoryCapPages={}", NAME, sandboxId,
                    spec.artifact().location(), memoryCapPages(spec));
            return observe(started, files);
        }
    }

    @Override
    public SandboxStatus stop(String sandboxId, Duration grace) throws SandboxException {
        synchronized (lockFor(sandboxId)) {
            SandboxFiles files = filesFor(sandboxId);
            SandboxRecord record = requireRecord(files, sandboxId, Reason.StopFailed);
            if (record.startedAt() == null && record.stoppedBeforeStartAt() == null) {
                SandboxRecord stopped = record.withStoppedBeforeStart(clock.instant());
                writeRecord(files, stopped, Reason.StopFailed);
                return observe(stopped, files);
            }
            interrupt(sandboxId, grace.plus(INTERRUPT_TIMEOUT));
            SandboxStatus stopped = observe(record, files);
            LOG.info("Stopped sandbox provider={} sandbox={} exitCode={}", NAME, sandboxId, stopped.exitCode());
            return stopped;
        }
    }

    @Override
    public void remove(String sandboxId) throws SandboxException {
        synchronized (lockFor(sandboxId)) {
            SandboxFiles files = filesFor(sandboxId);
            if (!Files.exists(files.dir())) {
                return;
            }
            interrupt(sandboxId, INTERRUPT_TIMEOUT);
            try {
                files.deleteAll();
            } catch (IOException e) {
                throw new SandboxException(Reason.StopFailed, "cannot delete the files of sandbox " + sandboxId
                        + " under " + files.dir() + ": " + e.getMessage(), e);
            }
            LOG.info("Removed sandbox provider={} sandbox={}", NAME, sandboxId);
        }
    }

    @Override
    public Optional<SandboxStatus> status(String sandboxId) throws SandboxException {
        synchronized (lockFor(sandboxId)) {
            SandboxFiles files = filesFor(sandboxId);
            Optional<SandboxRecord> record = readRecord(files, Reason.StatusUnknown);
            if (record.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(observe(record.get(), files));
        }
    }

    @Override
    public InputStream logs(String sandboxId, LogOptions options) throws SandboxException {
        SandboxFiles files = filesFor(sandboxId);
        requireRecord(files, sandboxId, Reason.StatusUnknown);
        try {
            return LogFile.open(files.output(), options.tailLines(), options.follow(), () -> hasFinished(sandboxId));
        } catch (IOException e) {
            throw new SandboxException(Reason.StatusUnknown, "cannot open the output of sandbox " + sandboxId
                    + " at " + files.output() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<SandboxStatus> list() throws SandboxException {
        return list("");
    }

    /** Lists the sandboxes whose id starts with the prefix, reading only their files. */
    @Override
    public List<SandboxStatus> list(String sandboxIdPrefix) throws SandboxException {
        List<String> ids = new ArrayList<>();
        if (Files.isDirectory(baseDir)) {
            DirectoryStream.Filter<Path> matches = entry -> entry.getFileName().toString().startsWith(sandboxIdPrefix)
                    && Files.isDirectory(entry);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(baseDir, matches)) {
                entries.forEach(entry -> ids.add(entry.getFileName().toString()));
            } catch (IOException e) {
                throw new SandboxException(Reason.StatusUnknown, "cannot list " + baseDir + ": " + e.getMessage(), e);
            }
        }
        ids.sort(null);
        List<SandboxStatus> statuses = new ArrayList<>();
        for (String id : ids) {
            try {
                status(id).ifPresent(statuses::add);
            } catch (SandboxException e) {
                LOG.warn("Skipping unreadable sandbox provider={} sandbox={}: {}", NAME, id, e.getMessage());
            }
        }
        return statuses;
    }

    /** Returns how many modules run right now; for tests and the capacity check. */
    public int runningModules() {
        return running.size();
    }

    private SandboxStatus observe(SandboxRecord record, SandboxFiles files) throws SandboxException {
        String id = record.sandboxId();
        try {
            Optional<SandboxStatus> exited = exitedStatus(record, files);
            if (exited.isPresent()) {
                return exited.get();
            }
            if (record.stoppedBeforeStartAt() != null) {
                return new SandboxStatus(id, SandboxState.EXITED, null, null, record.stoppedBeforeStartAt(), null,
                        "stopped before it was started");
            }
            if (record.startedAt() == null) {
                return new SandboxStatus(id, SandboxState.CREATED, null, null, null, null, null);
            }
            ModuleRun run = running.get(id);
            if (run != null && run.isAlive()) {
                return new SandboxStatus(id, SandboxState.RUNNING, null, record.startedAt(), null, null, null);
            }
            // The module's thread writes the exit file just before it ends, so look again.
            exited = exitedStatus(record, files);
            if (exited.isPresent()) {
                return exited.get();
            }
        } catch (IOException e) {
            throw new SandboxException(Reason.StatusUnknown, "cannot read the state of sandbox " + id + ": "
                    + e.getMessage(), e);
        }
        return new SandboxStatus(id, SandboxState.EXITED, null, record.startedAt(), null, null,
                "the module ended with the agent that ran it; wasm modules run inside the agent's JVM");
    }

    private static Optional<SandboxStatus> exitedStatus(SandboxRecord record, SandboxFiles files) throws IOException {
        Optional<Long> code = SandboxFiles.readNumber(files.exitFile());
        if (code.isEmpty()) {
            return Optional.empty();
        }
        Instant finishedAt = Files.getLastModifiedTime(files.exitFile()).toInstant();
        int exitCode = code.get().intValue();
        String message = exitCode == ModuleRun.STOPPED_EXIT_CODE ? "interrupted by a stop" : null;
        return Optional.of(new SandboxStatus(record.sandboxId(), SandboxState.EXITED, exitCode, record.startedAt(),
                finishedAt, null, message));
    }

    private void interrupt(String sandboxId, Duration timeout) throws SandboxException {
        ModuleRun run = running.get(sandboxId);
        if (run == null) {
            return;
        }
        try {
            if (!run.interruptAndAwait(timeout)) {
                throw new SandboxException(Reason.StopFailed, "wasm module of sandbox " + sandboxId
                        + " still runs " + timeout.toSeconds() + " s after its thread was interrupted");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException(Reason.StopFailed, "interrupted while stopping sandbox " + sandboxId, e);
        }
    }

    /** Resolves the spec's module into the cache and returns it parsed, from memory when parsed before. */
    private WasmModule load(SandboxSpec spec) throws SandboxException {
        if (spec.artifact() == null || spec.artifact().type() != ArtifactType.WASM_MODULE) {
            throw new SandboxException(Reason.UnsupportedArtifact, "sandbox " + spec.sandboxId()
                    + " needs a wasmModule artifact with a path or uri; set spec.sandbox.artifact");
        }
        Path file = resolver.resolve(spec.artifact(), spec.sandboxId());
        String digest = "sha256:" + file.getFileName();
        synchronized (parsedModules) {
            WasmModule cached = parsedModules.get(digest);
            if (cached != null) {
                return cached;
            }
        }
        WasmModule module;
        try {
            module = Parser.parse(file);
        } catch (ChicoryException | IllegalArgumentException e) {
            throw new SandboxException(Reason.CreateFailed, "wasm module " + spec.artifact().location()
                    + " of sandbox " + spec.sandboxId() + " is invalid: " + e.getMessage(), e);
        }
        if (!exportsStart(module)) {
            throw new SandboxException(Reason.CreateFailed, "wasm module " + spec.artifact().location()
                    + " of sandbox " + spec.sandboxId() + " exports no _start function; build it as a WASI command");
        }
        synchronized (parsedModules) {
            parsedModules.put(digest, module);
        }
        return module;
    }

    private static boolean exportsStart(WasmModule module) {
        var exports = module.exportSection();
        for (int i = 0; i < exports.exportCount(); i++) {
            if (exports.getExport(i).name().equals("_start")) {
                return true;
            }
        }
        return false;
    }

    /** Returns argv: the command, or the module's file name when there is none, then the args. */
    private static List<String> arguments(SandboxSpec spec) {
        List<String> argv = new ArrayList<>();
        if (spec.command().isEmpty()) {
            argv.add(Path.of(spec.artifact().location()).getFileName().toString());
        } else {
            argv.addAll(spec.command());
        }
        argv.addAll(spec.args());
        return argv;
    }

    private int memoryCapPages(SandboxSpec spec) {
        long capBytes = maxMemoryBytes;
        if (spec.memoryBytes() != null && spec.memoryBytes() > 0) {
            capBytes = Math.min(capBytes, spec.memoryBytes());
        }
        return (int) Math.max(1, Math.min(65536, capBytes / PAGE_BYTES));
    }

    private boolean hasFinished(String sandboxId) {
        try {
            return status(sandboxId).map(s -> s.state() == SandboxState.EXITED).orElse(true);
        } catch (SandboxException e) {
            return true;
        }
    }

    private SandboxRecord requireRecord(SandboxFiles files, String sandboxId, Reason failure) throws SandboxException {
        return readRecord(files, failure).orElseThrow(() -> new SandboxException(failure,
                "provider 'wasm' has no sandbox " + sandboxId + "; create it first"));
    }

    private static Optional<SandboxRecord> readRecord(SandboxFiles files, Reason failure) throws SandboxException {
        try {
            return files.readRecord();
        } catch (IOException e) {
            throw new SandboxException(failure, e.getMessage(), e);
        }
    }

    private static void writeRecord(SandboxFiles files, SandboxRecord record, Reason failure) throws SandboxException {
        try {
            files.writeRecord(record);
        } catch (IOException e) {
            throw new SandboxException(failure, "cannot write the state of sandbox " + record.sandboxId() + " to "
                    + files.record() + ": " + e.getMessage(), e);
        }
    }

    private SandboxFiles filesFor(String sandboxId) throws SandboxException {
        if (!SandboxSpec.isValidSandboxId(sandboxId)) {
            throw new SandboxException(Reason.InvalidSpec, SandboxSpec.invalidSandboxIdMessage(sandboxId));
        }
        return new SandboxFiles(baseDir.resolve(sandboxId));
    }

    private Object lockFor(String sandboxId) {
        return locks.computeIfAbsent(sandboxId, id -> new Object());
    }
}
