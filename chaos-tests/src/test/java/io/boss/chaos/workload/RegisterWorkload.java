package io.boss.chaos.workload;

import io.boss.chaos.history.History;
import io.boss.chaos.history.Outcome;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Concurrent clients doing create, read, compare-and-set and delete on a few register keys,
 * each request to a replica picked at random. Keys belong to a generation that changes every
 * {@code generationLength}, so that each key's history stays short enough for the
 * linearizability search however long the run is.
 */
public final class RegisterWorkload implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegisterWorkload.class);
    private static final int KEYS_PER_GENERATION = 3;

    private final RegisterClient[] clients;
    private final Map<String, String> endpoints;
    private final List<String> replicas;
    private final long seed;
    private final Duration generationLength;
    private final Duration pauseBetweenOps;
    private final LongSupplier elapsedMillis;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger ops = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();

    /**
     * @param endpoints replica id to HTTP base URL
     * @param seed      seeds each client's choices (client i uses {@code seed + i})
     */
    public RegisterWorkload(History history, Map<String, String> endpoints, String namespace, int clientCount,
                            long seed, Duration generationLength, Duration pauseBetweenOps) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        this.clients = new RegisterClient[clientCount];
        for (int i = 0; i < clientCount; i++) {
            clients[i] = new RegisterClient(http, history, namespace, i, Duration.ofSeconds(5));
        }
        this.endpoints = Map.copyOf(endpoints);
        this.replicas = List.copyOf(endpoints.keySet());
        this.seed = seed;
        this.generationLength = generationLength;
        this.pauseBetweenOps = pauseBetweenOps;
        long start = System.nanoTime();
        this.elapsedMillis = () -> (System.nanoTime() - start) / 1_000_000;
    }

    /** Starts one thread per client. */
    public void start() {
        for (int i = 0; i < clients.length; i++) {
            int client = i;
            Thread thread = new Thread(() -> runClient(client), "chaos-register-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    public int ops() {
        return ops.get();
    }

    /** Returns every key used so far, for the final reads. */
    public List<String> keysUsed() {
        long generations = elapsedMillis.getAsLong() / generationLength.toMillis() + 1;
        List<String> keys = new ArrayList<>();
        for (long g = 0; g < generations; g++) {
            for (int k = 0; k < KEYS_PER_GENERATION; k++) {
                keys.add(key(g, k));
            }
        }
        return keys;
    }

    /**
     * Reads every key once through each replica after the faults stopped, so that the final state
     * is part of the checked history.
     */
    public void finalReads() {
        RegisterClient client = clients[0];
        for (String key : keysUsed()) {
            for (String replica : replicas) {
                client.read(replica, endpoints.get(replica), key);
                ops.incrementAndGet();
            }
        }
    }

    /** Stops the clients and waits for their last operation to complete. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(15_000);
        }
    }

    private void runClient(int index) {
        RegisterClient client = clients[index];
        Random random = new Random(seed + index);
        int sequence = 0;
        while (running.get()) {
            long generation = elapsedMillis.getAsLong() / generationLength.toMillis();
            String key = key(generation, random.nextInt(KEYS_PER_GENERATION));
            String replica = replicas.get(random.nextInt(replicas.size()));
            String endpoint = endpoints.get(replica);
            String value = "c" + index + "-" + sequence++;
            int choice = random.nextInt(100);
            try {
                if (choice < 30) {
                    client.read(replica, endpoint, key);
                    ops.incrementAndGet();
                } else if (choice < 45) {
                    client.create(replica, endpoint, key, value);
                    ops.incrementAndGet();
                } else if (choice < 55) {
                    client.write(replica, endpoint, key, value);
                    ops.incrementAndGet();
                } else if (choice < 90) {
                    compareAndSet(client, random, replica, endpoint, key, value);
                } else {
                    client.delete(replica, endpoint, key);
                    ops.incrementAndGet();
                }
                Thread.sleep(pauseBetweenOps.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("register client {} failed; its operations stop here", index, e);
                return;
            }
        }
    }

    /** Reads the key, then writes it only if it is still at the revision read; creates it when absent. */
    private void compareAndSet(RegisterClient client, Random random, String replica, String endpoint, String key,
                               String value) {
        RegisterClient.ReadResult read = client.read(replica, endpoint, key);
        ops.incrementAndGet();
        if (read.op().outcome() != Outcome.OK) {
            return;
        }
        // Half of the time the write goes to another replica than the read.
        String writeReplica = random.nextBoolean() ? replica : replicas.get(random.nextInt(replicas.size()));
        if (read.value() == null) {
            client.create(writeReplica, endpoints.get(writeReplica), key, value);
        } else {
            client.compareAndSet(writeReplica, endpoints.get(writeReplica), key, read.value(), read.resourceVersion(),
                    value);
        }
        ops.incrementAndGet();
    }

    private static String key(long generation, int index) {
        return "g" + generation + "-k" + index;
    }
}
