package io.boss.runtime.container;

import io.boss.runtime.artifact.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs the podman CLI with the global options this provider needs on every call: its own image
 * storage and run state under the provider's directory, the runc runtime, the cgroupfs cgroup
 * manager, the vfs storage driver and file-based events. These settings work on hosts with hybrid
 * cgroups (v1 controllers plus an almost empty v2 tree), where crun and the systemd cgroup
 * manager fail; vfs copies each image layer but needs no overlay support from the kernel.
 */
final class PodmanCli {

    /** The outcome of one podman call. */
    record Result(int exitCode, String stdout, String stderr) {
        boolean ok() {
            return exitCode == 0;
        }

        /** Returns the error text for a message: stderr, else stdout, trimmed. */
        String error() {
            String text = stderr.isBlank() ? stdout : stderr;
            return text.strip();
        }
    }

    private final Path podman;
    private final List<String> globalOptions;

    PodmanCli(Path podman, Path storageDir, String runtime) {
        this.podman = podman;
        this.globalOptions = List.of(
                "--root", storageDir.resolve("storage").toAbsolutePath().toString(),
                "--runroot", runRoot(storageDir).toString(),
                "--tmpdir", storageDir.resolve("tmp").toAbsolutePath().toString(),
                "--runtime", runtime,
                "--cgroup-manager", "cgroupfs",
                "--storage-driver", "vfs",
                "--events-backend", "file");
    }

    /**
     * Returns the run state directory: {@code /run/boss-podman/<12 hex digits>} derived from the
     * storage directory, or the same under {@code /tmp} when {@code /run} is not writable.
     * podman rejects a runroot longer than 50 characters, and run state belongs on a tmpfs,
     * which {@code /run} is, because it must not outlive a reboot.
     */
    static Path runRoot(Path storageDir) {
        String key = Digests.ofText(storageDir.toAbsolutePath().toString()).substring("sha256:".length(),
                "sha256:".length() + 12);
        Path run = Path.of("/run");
        Path base = Files.isDirectory(run) && Files.isWritable(run) ? run : Path.of("/tmp");
        return base.resolve("boss-podman").resolve(key);
    }

    /** Returns the full argv of a podman call, for a process the caller manages itself. */
    List<String> command(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(podman.toString());
        command.addAll(globalOptions);
        command.addAll(arguments);
        return command;
    }

    /** Runs podman with the arguments and waits up to {@code timeout}; a timeout kills it and fails. */
    Result run(List<String> arguments, Duration timeout) throws IOException {
        Process process = new ProcessBuilder(command(arguments)).start();
        process.getOutputStream().close();
        CompletableFuture<String> stdout = readAsync(process.getInputStream());
        CompletableFuture<String> stderr = readAsync(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("podman " + String.join(" ", arguments) + " timed out after "
                        + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), stdout.get(), stderr.get());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running podman " + arguments.get(0), e);
        } catch (ExecutionException e) {
            throw new IOException("cannot read the output of podman " + arguments.get(0), e.getCause());
        }
    }

    private static CompletableFuture<String> readAsync(java.io.InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }
}
