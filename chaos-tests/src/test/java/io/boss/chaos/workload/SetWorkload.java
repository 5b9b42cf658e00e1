package io.boss.chaos.workload;

import io.boss.chaos.history.History;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client creating fresh keys {@code s-0, s-1, ...} through random replicas, never deleting
 * any: the input of {@link io.boss.chaos.checker.AckedWritesChecker}. Its operations go into a
 * history of their own, so that the register checker does not see them.
 */
public final class SetWorkload implements AutoCloseable {

    private final RegisterClient client;
    private final Map<String, String> endpoints;
    private final List<String> replicas;
    private final Random random;
    private final Duration pauseBetweenOps;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger ops = new AtomicInteger();
    private final Thread thread = new Thread(this::run, "chaos-set");

    public SetWorkload(History history, Map<String, String> endpoints, String namespace, long seed,
                       Duration pauseBetweenOps) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        this.client = new RegisterClient(http, history, namespace, 100, Duration.ofSeconds(5));
        this.endpoints = Map.copyOf(endpoints);
        this.replicas = List.copyOf(endpoints.keySet());
        this.random = new Random(seed);
        this.pauseBetweenOps = pauseBetweenOps;
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public int ops() {
        return ops.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(15_000);
    }

    private void run() {
        int next = 0;
        while (running.get()) {
            String replica = replicas.get(random.nextInt(replicas.size()));
            String key = "s-" + next++;
            client.create(replica, endpoints.get(replica), key, key);
            ops.incrementAndGet();
            try {
                Thread.sleep(pauseBetweenOps.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
