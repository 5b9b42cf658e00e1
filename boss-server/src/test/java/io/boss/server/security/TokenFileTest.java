package io.boss.server.security;

import io.boss.server.testing.SecureClusters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing and reloading of the hashed bearer token file. */
class TokenFileTest {

    @TempDir
    Path tempDir;

    @Test
    void tokenMapsToUserAndGroups() {
        Path file = tempDir.resolve("tokens.csv");
        SecureClusters.write(file, "# comment\n\n" + SecureClusters.line("secret", "alice", "team-a;system:masters"));

        UserInfo alice = new TokenFile(file, Duration.ofSeconds(1), Clock.systemUTC()).authenticate("secret").orElseThrow();

        assertEquals("alice", alice.name());
        assertEquals(List.of("team-a", "system:masters", UserInfo.AUTHENTICATED), alice.groups());
    }

    @Test
    void plainTokenInFileIsRejectedWithHint() {
        Path file = tempDir.resolve("tokens.csv");
        SecureClusters.write(file, "# header\nsecret,alice,system:masters\n");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new TokenFile(file, Duration.ofSeconds(1), Clock.systemUTC()));

        assertTrue(error.getMessage().contains("line 2"), error.getMessage());
        assertTrue(error.getMessage().contains("sha256sum"), error.getMessage());
    }

    @Test
    void invalidRewriteKeepsPreviousTokens() {
        Path file = tempDir.resolve("tokens.csv");
        SecureClusters.write(file, SecureClusters.line("secret", "alice", ""));
        MutableClock clock = new MutableClock();
        TokenFile tokens = new TokenFile(file, Duration.ofSeconds(1), clock);

        SecureClusters.write(file, "not a token line\n");
        clock.advance(Duration.ofSeconds(2));

        assertTrue(tokens.authenticate("secret").isPresent());
    }

    @Test
    void removedTokenFailsAfterCheckInterval() {
        Path file = tempDir.resolve("tokens.csv");
        SecureClusters.write(file, SecureClusters.line("secret", "alice", "") + SecureClusters.line("other", "bob", ""));
        MutableClock clock = new MutableClock();
        TokenFile tokens = new TokenFile(file, Duration.ofSeconds(1), clock);

        SecureClusters.write(file, SecureClusters.line("other", "bob", ""));
        boolean beforeInterval = tokens.authenticate("secret").isPresent();
        clock.advance(Duration.ofSeconds(2));
        boolean afterInterval = tokens.authenticate("secret").isPresent();

        assertTrue(beforeInterval, "the file is not reread within the check interval");
        assertFalse(afterInterval, "a removed token must fail once the file is reread");
        assertTrue(tokens.authenticate("other").isPresent());
    }

    /** A clock the test moves forward by hand. */
    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
