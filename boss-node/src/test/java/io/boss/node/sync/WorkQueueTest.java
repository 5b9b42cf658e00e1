package io.boss.node.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WorkQueueTest {

    @Test
    void keyAddedTwiceIsHandedOutOnce() throws Exception {
        try (WorkQueue<String> queue = new WorkQueue<>("test")) {
            queue.add("a");
            queue.add("a");
            queue.add("b");

            assertEquals(Optional.of("a"), queue.take());
            assertEquals(Optional.of("b"), queue.take());
            assertEquals(0, queue.size());
        }
    }

    @Test
    void keyInProgressIsNotHandedOut() throws Exception {
        try (WorkQueue<String> queue = new WorkQueue<>("test")) {
            queue.add("a");
            String inProgress = queue.take().orElseThrow();

            queue.add(inProgress);
            assertEquals(0, queue.size(), "a key being processed must wait for done()");

            queue.done(inProgress);
            assertEquals(1, queue.size(), "a key added while processed is queued again after done()");
            assertEquals(Optional.of("a"), queue.take());
        }
    }

    @Test
    void addAfterQueuesKeyOnceDelayPassed() throws Exception {
        try (WorkQueue<String> queue = new WorkQueue<>("test")) {
            long start = System.nanoTime();
            queue.addAfter("late", Duration.ofMillis(200));
            assertEquals(0, queue.size());

            assertEquals(Optional.of("late"), queue.take());
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(200), "handed out before the delay");
        }
    }

    @Test
    void closeWakesWaitingWorkers() {
        WorkQueue<String> queue = new WorkQueue<>("test");
        CompletableFuture<Optional<String>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        queue.close();

        await("worker woken by close").atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertEquals(Optional.empty(), waiting.getNow(Optional.of("still waiting"))));
    }
}
