package io.boss.bench.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop HTTP load: each client thread sends one request, waits for its response and sends
 * the next, for a fixed time, over one shared keep-alive {@link HttpClient} (HTTP/1.1, so each
 * client uses its own pooled connection).
 */
final class HttpLoad {

    /** Builds the request of client {@code client}'s {@code sequence}-th call. */
    @FunctionalInterface
    interface RequestFactory {
        HttpRequest request(int client, long sequence);
    }

    /** Samples and failures of one phase. */
    record Result(String phase, int clients, Duration length, Latencies latencies, long failures, String firstFailure) {

        void print() {
            double seconds = length.toNanos() / 1e9;
            System.out.printf("%-34s %,8.0f /s   p50 %6.2f ms   p99 %7.2f ms   max %7.2f ms   (%,d ok, %,d failed; %s)%n",
                    phase, latencies.count() / seconds, latencies.millis(0.50), latencies.millis(0.99),
                    latencies.maxMillis(), latencies.count(), failures, Latencies.hostLoad());
            if (firstFailure != null) {
                System.out.println("    first failure: " + firstFailure);
            }
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /**
     * Runs {@code clients} threads for {@code length}, each sending requests from {@code factory}
     * and counting a response with status {@code expectedStatus} as a success.
     */
    Result run(String phase, int clients, Duration length, int expectedStatus, RequestFactory factory)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + length.toNanos();
        AtomicLong failures = new AtomicLong();
        String[] firstFailure = new String[1];
        List<Future<long[]>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            results.add(pool.submit(() -> {
                long[] samples = new long[1 << 14];
                int count = 0;
                for (long sequence = 0; System.nanoTime() < end; sequence++) {
                    HttpRequest request = factory.request(client, sequence);
                    long start = System.nanoTime();
                    String failure = send(request, expectedStatus);
                    long elapsed = System.nanoTime() - start;
                    if (failure != null) {
                        failures.incrementAndGet();
                        synchronized (firstFailure) {
                            if (firstFailure[0] == null) {
                                firstFailure[0] = request.method() + " " + request.uri() + ": " + failure;
                            }
                        }
                        continue;
                    }
                    if (count == samples.length) {
                        samples = Arrays.copyOf(samples, samples.length * 2);
                    }
                    samples[count++] = elapsed;
                }
                return Arrays.copyOf(samples, count);
            }));
        }

        List<long[]> perClient = new ArrayList<>();
        try {
            for (Future<long[]> result : results) {
                perClient.add(result.get(length.toSeconds() + 60, TimeUnit.SECONDS));
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("a client of phase \"" + phase + "\" failed", e);
        } finally {
            pool.shutdownNow();
        }
        long[] all = perClient.stream().flatMapToLong(Arrays::stream).toArray();
        return new Result(phase, clients, length, new Latencies(all), failures.get(), firstFailure[0]);
    }

    /** Sends one request; returns null on the expected status, else a description of the failure. */
    String send(HttpRequest request, int expectedStatus) throws InterruptedException {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == expectedStatus) {
                return null;
            }
            String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
            return "HTTP " + response.statusCode() + " " + body.substring(0, Math.min(200, body.length()));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
