package io.boss.server.scheduler;

import io.boss.api.ResourceKind;
import io.boss.api.model.Condition;
import io.boss.api.model.ConditionTypes;
import io.boss.api.model.Node;
import io.boss.api.model.Pod;
import io.boss.api.model.ProviderStatus;
import io.boss.api.model.RuntimeCapabilities;
import io.boss.server.informer.TypedCodec;
import io.boss.server.leader.LeadershipManager;
import io.boss.store.KeyValue;
import io.boss.store.Operation;
import io.boss.store.ReadConsistency;
import io.boss.store.Registry;
import io.boss.store.StoreException;
import io.boss.store.ratis.RatisRegistry;
import io.boss.store.ratis.RegistryConfig;

import io.boss.store.testing.LoopbackPorts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Three real Ratis replicas on loopback ports, each with a leadership manager that runs a
 * {@link Scheduler} while it leads. Objects are written straight into the replicated store in the
 * form the API server stores them, as a node agent's registration would leave them.
 */
final class SchedulerCluster implements AutoCloseable {

    static final TypedCodec<Pod> PODS = TypedCodec.of(ResourceKind.POD, Pod.class);
    static final TypedCodec<Node> NODES = TypedCodec.of(ResourceKind.NODE, Node.class);

    private final Map<String, RatisRegistry> replicas = new LinkedHashMap<>();
    private final Map<String, LeadershipManager> managers = new LinkedHashMap<>();

    SchedulerCluster(Path dataDirectory, SchedulerSettings settings) {
        Map<String, String> peers = new LinkedHashMap<>();
        for (String id : List.of("s1", "s2", "s3")) {
            peers.put(id, "127.0.0.1:" + LoopbackPorts.next());
        }
        for (String id : peers.keySet()) {
            RegistryConfig config = RegistryConfig.withDefaults(id, peers, dataDirectory.resolve(id))
                    .withRequestTimeout(Duration.ofSeconds(5));
            RatisRegistry registry = RatisRegistry.start(config);
            replicas.put(id, registry);
            LeadershipManager manager = new LeadershipManager(registry, id, Duration.ofSeconds(5));
            manager.register(new Scheduler(registry, settings, Clock.systemUTC()));
            managers.put(id, manager);
            manager.start();
        }
        await("leader elected").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertNotNull(leaderId()));
    }

    String leaderId() {
        for (var entry : replicas.entrySet()) {
            if (entry.getValue().isLeader()) {
                return entry.getKey();
            }
        }
        return null;
    }

    /** Returns a replica that is up and is not the leader. */
    Registry follower() {
        String leader = leaderId();
        return replicas.entrySet().stream().filter(e -> !e.getKey().equals(leader))
                .map(Map.Entry::getValue).findFirst().orElseThrow();
    }

    Registry any() {
        return replicas.values().iterator().next();
    }

    /** Stops the leader replica's services and closes its store; returns its id. */
    String stopLeader() throws InterruptedException {
        String id = leaderId();
        managers.remove(id).stop();
        replicas.remove(id).close();
        return id;
    }

    void createNode(Node node) {
        commit(any(), new Operation.Create(NODES.key(node), NODES.encode(node)));
    }

    void replaceNode(Node node) {
        KeyValue current = get(any(), NODES.key(node));
        commit(any(), new Operation.Update(NODES.key(node), NODES.encode(node), current.modRevision()));
    }

    void createPod(Pod pod) {
        createPod(any(), pod);
    }

    /** Creates {@code pod} through {@code replica}, retrying while the group has no leader. */
    static void createPod(Registry replica, Pod pod) {
        pod.getMetadata().setUid(UUID.randomUUID().toString());
        pod.getMetadata().setCreationTimestamp(Instant.now());
        Operation create = new Operation.Create(PODS.key(pod), PODS.encode(pod));
        await("create pod " + pod.key()).atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                commit(replica, create);
                return true;
            } catch (StoreException e) {
                return e.reason() == StoreException.Reason.KEY_EXISTS;
            }
        });
    }

    Pod pod(String namespace, String name) {
        KeyValue entry = get(any(), PODS.key(namespace, name));
        return entry == null ? null : PODS.decode(entry);
    }

    private static void commit(Registry replica, Operation operation) {
        try {
            replica.commit(List.of(operation)).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreException storeException) {
                throw storeException;
            }
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("commit of " + operation.key() + " failed", e);
        }
    }

    private static KeyValue get(Registry replica, String key) {
        try {
            return replica.get(key, ReadConsistency.LINEARIZABLE).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("read of " + key + " failed", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (LeadershipManager manager : managers.values()) {
            manager.stop();
        }
        for (RatisRegistry registry : replicas.values()) {
            registry.close();
        }
    }

    // Fixtures: objects as a node agent and a user would write them.

    static Node node(String name, String cpu, String memory, ProviderStatus... providers) {
        Node node = new Node(null, name);
        node.getStatus().setConditions(new ArrayList<>(List.of(
                new Condition(ConditionTypes.READY, Condition.TRUE, null, null))));
        node.getStatus().setAllocatable(Map.of("cpu", cpu, "memory", memory));
        RuntimeCapabilities capabilities = new RuntimeCapabilities();
        capabilities.setProviders(List.of(providers));
        node.getStatus().setRuntimeCapabilities(capabilities);
        return node;
    }

    static ProviderStatus provider(String name, String sandboxClass, String artifactType, String isolation, String network) {
        ProviderStatus provider = new ProviderStatus();
        provider.setName(name);
        provider.setHealthy(true);
        provider.setVersion("1.0");
        provider.setClasses(List.of(sandboxClass));
        provider.setArtifactTypes(List.of(artifactType));
        provider.setIsolationLevels(List.of(isolation));
        provider.setNetworkModes(List.of(network));
        return provider;
    }

    static ProviderStatus processProvider() {
        return provider("process", "process", "executable", "sharedHost", "host");
    }
}
