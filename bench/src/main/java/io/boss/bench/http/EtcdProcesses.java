package io.boss.bench.http;

import io.boss.store.testing.LoopbackPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A three-member etcd cluster on loopback ports, started from the {@code etcd} binary on the
 * {@code PATH} (Debian 12's {@code etcd-server} package ships etcd 3.4) with its default election
 * settings (100 ms heartbeat, 1 s election timeout), data in a temporary directory. The load goes
 * to the members' JSON gateway under {@code /v3/kv}, the same HTTP/1.1 path the boss API takes.
 */
final class EtcdProcesses implements AutoCloseable {

    private final Path directory;
    private final boolean keep;
    private final List<Process> members = new ArrayList<>();
    private final List<URI> clientAddresses = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "boss-bench-etcd-stop");

    private EtcdProcesses(Path directory, boolean keep) {
        this.directory = directory;
        this.keep = keep;
    }

    /**
     * Starts three members and returns once each reports itself healthy.
     *
     * @throws IllegalStateException when etcd is not installed or the cluster is not healthy within 60 s
     */
    static EtcdProcesses start(boolean keep) throws IOException, InterruptedException {
        EtcdProcesses etcd = new EtcdProcesses(Files.createTempDirectory("boss-bench-etcd"), keep);
        Runtime.getRuntime().addShutdownHook(etcd.shutdownHook);
        try {
            etcd.launchMembers(3);
            etcd.awaitHealthy(Duration.ofSeconds(60));
            return etcd;
        } catch (IOException | InterruptedException | RuntimeException e) {
            etcd.close();
            throw e;
        }
    }

    List<URI> clientAddresses() {
        return List.copyOf(clientAddresses);
    }

    @Override
    public void close() throws IOException {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself.
        }
        if (!keep) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private void launchMembers(int count) throws IOException {
        List<String> peerUrls = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            peerUrls.add("http://127.0.0.1:" + LoopbackPorts.next());
            clientAddresses.add(URI.create("http://127.0.0.1:" + LoopbackPorts.next()));
        }
        List<String> initialCluster = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            initialCluster.add("m" + i + "=" + peerUrls.get(i - 1));
        }
        for (int i = 1; i <= count; i++) {
            Path home = Files.createDirectories(directory.resolve("m" + i));
            String client = clientAddresses.get(i - 1).toString();
            String peer = peerUrls.get(i - 1);
            ProcessBuilder builder = new ProcessBuilder("etcd",
                    "--name", "m" + i,
                    "--data-dir", home.resolve("data").toString(),
                    "--listen-client-urls", client,
                    "--advertise-client-urls", client,
                    "--listen-peer-urls", peer,
                    "--initial-advertise-peer-urls", peer,
                    "--initial-cluster", String.join(",", initialCluster),
                    "--initial-cluster-token", "boss-bench",
                    "--initial-cluster-state", "new",
                    "--log-level", "warn")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("etcd.log").toFile()));
            try {
                members.add(builder.start());
            } catch (IOException e) {
                throw new IllegalStateException("cannot start etcd (" + e.getMessage() + "); install it with: "
                        + "apt-get install -y etcd-server", e);
            }
        }
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (URI member : clientAddresses) {
            while (!isHealthy(http, member)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("etcd member " + member + " did not become healthy within "
                            + timeout.toSeconds() + " s; see the logs under " + directory);
                }
                Thread.sleep(100);
            }
        }
    }

    private static boolean isHealthy(HttpClient http, URI member) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(member.resolve("/health")).timeout(Duration.ofSeconds(1)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"true\"");
        } catch (IOException e) {
            return false;
        }
    }

    private synchronized void stopAll() {
        for (Process member : members) {
            member.destroy();
        }
        for (Process member : members) {
            try {
                if (!member.waitFor(10, TimeUnit.SECONDS)) {
                    member.destroyForcibly();
                }
            } catch (InterruptedException e) {
                member.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
