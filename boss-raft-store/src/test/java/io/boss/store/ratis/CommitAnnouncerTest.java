package io.boss.store.ratis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the commit announcer starts read-index rounds. The round in these tests only counts. */
class CommitAnnouncerTest {

    private final AtomicInteger rounds = new AtomicInteger();
    private final CommitAnnouncer announcer = new CommitAnnouncer("r1", rounds::incrementAndGet);

    @AfterEach
    void close() {
        announcer.close();
    }

    @Test
    void announceNowRunsRoundAtOnce() {
        announcer.announceNow();

        assertEquals(1, rounds.get());
    }

    @Test
    void quietAnnouncementsShareOneRound() {
        announcer.writeSubmitted();
        announcer.announceWhenQuiet();
        announcer.announceWhenQuiet();
        announcer.announceWhenQuiet();

        await("one round").atMost(Duration.ofSeconds(5)).until(() -> rounds.get() == 1);
        await("no second round").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5))
                .until(() -> rounds.get() == 1);
    }

    @Test
    void announcementAfterRoundStartsAnother() {
        announcer.announceWhenQuiet();
        await("first round").atMost(Duration.ofSeconds(5)).until(() -> rounds.get() == 1);

        announcer.writeSubmitted();
        announcer.announceWhenQuiet();

        await("second round").atMost(Duration.ofSeconds(5)).until(() -> rounds.get() == 2);
    }

    @Test
    void closedAnnouncerRunsNoRound() {
        announcer.close();

        announcer.announceWhenQuiet();

        await("no round after close").during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5))
                .until(() -> rounds.get() == 0);
    }
}
