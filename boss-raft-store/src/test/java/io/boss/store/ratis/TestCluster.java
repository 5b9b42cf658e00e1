package io.boss.store.ratis;

import static org.awaitility.Awaitility.await;

import io.boss.store.testing.LoopbackPorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A three-replica registry group on loopback ports inside the test JVM, with data under a test directory. */
final class TestCluster implements AutoCloseable {

    static final List<String> IDS = List.of("r1", "r2", "r3");

    private final Path root;
    private final UnaryOperator<RegistryConfig> tuning;
    private final Map<String, String> peers = new LinkedHashMap<>();
    private final Map<String, RatisRegistry> running = new LinkedHashMap<>();

    TestCluster(Path root, UnaryOperator<RegistryConfig> tuning) {
        this.root = root;
        this.tuning = tuning;
        for (String id : IDS) {
            peers.put(id, "127.0.0.1:" + LoopbackPorts.next());
        }
    }

    /** Starts a group with every setting at its default, except a short request timeout. */
    static TestCluster startWithDefaults(Path root) {
        return start(root, config -> config);
    }

    static TestCluster start(Path root, UnaryOperator<RegistryConfig> tuning) {
        TestCluster cluster = new TestCluster(root, tuning);
        IDS.forEach(cluster::start);
        return cluster;
    }

    RatisRegistry start(String id) {
        RegistryConfig config = tuning.apply(RegistryConfig.withDefaults(id, peers, root.resolve(id))
                .withRequestTimeout(Duration.ofSeconds(3)));
        RatisRegistry registry = RatisRegistry.start(config);
        running.put(id, registry);
        return registry;
    }

    void stop(String id) {
        RatisRegistry registry = running.remove(id);
        if (registry != null) {
            registry.close();
        }
    }

    RatisRegistry replica(String id) {
        return running.get(id);
    }

    List<RatisRegistry> running() {
        return new ArrayList<>(running.values());
    }

    /** Waits until one running replica leads and has applied its term's first entry, and returns it. */
    RatisRegistry awaitLeader() {
        RatisRegistry[] leader = new RatisRegistry[1];
        await("a running replica is ready as leader").atMost(Duration.ofSeconds(30)).until(() -> {
            for (RatisRegistry registry : running.values()) {
                if (registry.isLeader() && registry.division().getInfo().isLeaderReady()) {
                    leader[0] = registry;
                    return true;
                }
            }
            return false;
        });
        return leader[0];
    }

    List<RatisRegistry> followers(RatisRegistry leader) {
        List<RatisRegistry> followers = running();
        followers.remove(leader);
        return followers;
    }

    @Override
    public void close() {
        new ArrayList<>(running.keySet()).forEach(this::stop);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
