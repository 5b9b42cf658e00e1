package io.boss.server.informer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class WorkQueueTest {

    private final WorkQueue<String> queue = new WorkQueue<>("test", Duration.ofMillis(20), Duration.ofMillis(200));

    @AfterEach
    void shutDown() {
        queue.shutDown();
    }

    @Test
    void duplicateAddsQueueKeyOnce() throws InterruptedException {
        queue.add("a");
        queue.add("b");
        queue.add("a");

        assertEquals(2, queue.size());
        assertEquals("a", queue.take());
        assertEquals("b", queue.take());
    }

    @Test
    void keyAddedWhileProcessingWaitsForDone() throws InterruptedException {
        queue.add("a");
        String key = queue.take();

        queue.add("a");
        assertEquals(0, queue.size());

        queue.done(key);
        assertEquals(1, queue.size());
        assertEquals("a", queue.take());
    }

    @Test
    void workersNeverProcessSameKeyAtOnce() throws InterruptedException {
        Map<String, AtomicInteger> active = new ConcurrentHashMap<>();
        AtomicInteger maxConcurrentSameKey = new AtomicInteger();
        AtomicInteger processed = new AtomicInteger();
        QueueWorkers<String> workers = new QueueWorkers<>("test", queue, key -> {
            int now = active.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            maxConcurrentSameKey.accumulateAndGet(now, Math::max);
            Thread.onSpinWait();
            active.get(key).decrementAndGet();
            processed.incrementAndGet();
            return Reconciler.Result.done();
        }, 4);
        workers.start();

        for (int i = 0; i < 2_000; i++) {
            queue.add("key-" + (i % 3));
        }

        await("queue drained").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(0, queue.size()));
        workers.stop(Duration.ofSeconds(5));
        assertEquals(1, maxConcurrentSameKey.get());
        assertTrue(processed.get() >= 3, "processed " + processed.get());
    }

    @Test
    void failuresBackOffExponentially() {
        List<Long> attempts = new CopyOnWriteArrayList<>();
        QueueWorkers<String> workers = new QueueWorkers<>("test", queue, key -> {
            attempts.add(System.nanoTime());
            if (attempts.size() < 5) {
                throw new IllegalStateException("planned failure " + attempts.size());
            }
            return Reconciler.Result.done();
        }, 1);
        workers.start();

        queue.add("a");

        await("five attempts").atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertEquals(5, attempts.size()));
        List<Long> gapsMillis = new ArrayList<>();
        for (int i = 1; i < attempts.size(); i++) {
            gapsMillis.add((attempts.get(i) - attempts.get(i - 1)) / 1_000_000);
        }
        assertTrue(gapsMillis.get(0) >= 20, "first retry after " + gapsMillis);
        assertTrue(gapsMillis.get(3) >= 160, "fourth retry after " + gapsMillis);
        assertEquals(0, queue.failureCount("a"), "success forgets the failures");
    }

    @Test
    void backoffIsCappedAtMaxDelay() throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            queue.addRateLimited("a");
            await("retry " + (i + 1) + " queued").atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertEquals(1, queue.size()));
            queue.done(queue.take());
        }

        long start = System.nanoTime();
        queue.addRateLimited("a");

        // Uncapped, the eleventh delay would be 20 ms * 2^10, about 20 s.
        await("eleventh retry arrives within maxDelay").atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertEquals(1, queue.size()));
        assertEquals(11, queue.failureCount("a"));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(200).toNanos());
    }

    @Test
    void addAfterDelaysKey() {
        long start = System.nanoTime();
        queue.addAfter("late", Duration.ofMillis(150));

        assertEquals(0, queue.size());
        await("delayed key queued").atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertEquals(1, queue.size()));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(150).toNanos());
    }

    @Test
    void shutDownReleasesWaitingTake() throws InterruptedException {
        List<String> results = new CopyOnWriteArrayList<>();
        Thread taker = new Thread(() -> {
            try {
                results.add(String.valueOf(queue.take()));
            } catch (InterruptedException e) {
                results.add("interrupted");
            }
        });
        taker.start();

        queue.shutDown();
        taker.join(5_000);

        assertEquals(List.of("null"), results);
        queue.add("ignored");
        assertNull(queue.take());
    }
}
