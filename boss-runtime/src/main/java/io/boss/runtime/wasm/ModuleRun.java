package io.boss.runtime.wasm;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WASI command module running on a platform thread of its own. The thread instantiates the
 * module, calls {@code _start}, and writes the exit code to the sandbox's exit file before it
 * ends; the instance, its memory and the output stream are released with the thread.
 *
 * <p>Exit codes: the module's {@code proc_exit} code; 0 when {@code _start} returns; 143 when a
 * stop interrupted it, the code a process gets for SIGTERM; 134 for a trap, such as unreachable
 * code or a memory access out of bounds, and 1 when instantiation fails, each with a line in the
 * output saying why.
 */
final class ModuleRun {

    /** The exit code of a module interrupted by a stop. */
    static final int STOPPED_EXIT_CODE = 143;
    /** The exit code of a module that trapped. */
    static final int TRAP_EXIT_CODE = 134;

    private static final Logger LOG = LoggerFactory.getLogger(ModuleRun.class);
    private static final int PAGE_BYTES = 65536;

    private final String sandboxId;
    private final WasmModule module;
    private final List<String> arguments;
    private final Map<String, String> environment;
    private final int maxMemoryPages;
    private final Path output;
    private final Path exitFile;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread thread;

    /**
     * @param maxMemoryPages the most 64 KiB pages the module's memory may grow to; a module whose
     *     own maximum is lower keeps its own
     */
    ModuleRun(String sandboxId, WasmModule module, List<String> arguments, Map<String, String> environment,
            int maxMemoryPages, Path output, Path exitFile, Runnable onFinish) {
        this.sandboxId = sandboxId;
        this.module = module;
        this.arguments = arguments;
        this.environment = environment;
        this.maxMemoryPages = maxMemoryPages;
        this.output = output;
        this.exitFile = exitFile;
        this.thread = new Thread(() -> {
            try {
                run();
            } finally {
                onFinish.run();
                finished.countDown();
            }
        }, "wasm-" + sandboxId);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean isAlive() {
        return finished.getCount() > 0;
    }

    /** Interrupts the module, which ends at its next instruction or host call, and waits for it. */
    boolean interruptAndAwait(Duration timeout) throws InterruptedException {
        thread.interrupt();
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        int exitCode;
        try (OutputStream out = Files.newOutputStream(output, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            exitCode = execute(out);
        } catch (IOException e) {
            LOG.warn("Cannot write the output of wasm sandbox={} to {}: {}", sandboxId, output, e.getMessage());
            exitCode = 1;
        }
        writeExitCode(exitCode);
        LOG.info("Sandbox exited provider=wasm sandbox={} exitCode={}", sandboxId, exitCode);
    }

    private int execute(OutputStream out) throws IOException {
        WasiOptions.Builder options = WasiOptions.builder()
                .withStdout(out)
                .withStderr(out)
                .withStdin(new ByteArrayInputStream(new byte[0]))
                .withArguments(arguments);
        environment.forEach(options::withEnvironment);

        try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options.build()).build()) {
            Instance instance = Instance.builder(module)
                    .withImportValues(ImportValues.builder().addFunction(wasi.toHostFunctions()).build())
                    .withMemoryFactory(this::cappedMemory)
                    .withStart(false)
                    .build();
            instance.export("_start").apply();
            return 0;
        } catch (WasiExitException e) {
            return e.exitCode();
        } catch (ChicoryInterruptedException e) {
            return STOPPED_EXIT_CODE;
        } catch (TrapException e) {
            writeLine(out, "wasm trap: " + e.getMessage());
            return TRAP_EXIT_CODE;
        } catch (ChicoryException | IllegalStateException e) {
            if (Thread.currentThread().isInterrupted()) {
                return STOPPED_EXIT_CODE;
            }
            writeLine(out, "wasm module failed: " + e.getMessage());
            return 1;
        }
    }

    /** Caps the module's memory: its own maximum, but at most {@code maxMemoryPages}. */
    private ByteArrayMemory cappedMemory(MemoryLimits declared) {
        if (declared.initialPages() > maxMemoryPages) {
            throw new IllegalStateException("the module needs " + declared.initialPages()
                    + " memory pages at start, more than the cap of " + maxMemoryPages + " pages ("
                    + (long) maxMemoryPages * PAGE_BYTES + " bytes)");
        }
        int maximum = Math.min(declared.maximumPages(), maxMemoryPages);
        return new ByteArrayMemory(new MemoryLimits(declared.initialPages(), maximum));
    }

    private static void writeLine(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Writes the code through a temporary file and a rename, so a reader never sees a partial value. */
    private void writeExitCode(int exitCode) {
        Path temp = exitFile.resolveSibling(exitFile.getFileName() + ".tmp");
        try {
            Files.writeString(temp, exitCode + "\n");
            Files.move(temp, exitFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("Cannot record the exit code of wasm sandbox={} in {}: {}", sandboxId, exitFile, e.getMessage());
        }
    }
}
