package io.boss.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Silences the Ratis client's log of failed attempts. Ratis logs every attempt that fails at
 * ERROR with its stack trace, including the expected ones: a request sent to a replica that has
 * just stopped leading, or on a connection that a restart closed. Ratis then retries, and the
 * store reports a request that fails for good itself, with a reason. A level set for that logger
 * in the configuration is kept.
 */
public final class RatisClientLogging {

    static final String ATTEMPT_LOGGER = "org.apache.ratis.client.impl.OrderedAsync";

    private RatisClientLogging() {
    }

    /** Turns the attempt logger off unless the configuration gave it a level. */
    public static void silenceFailedAttempts() {
        if (LoggerFactory.getLogger(ATTEMPT_LOGGER) instanceof Logger logger && logger.getLevel() == null) {
            logger.setLevel(Level.OFF);
        }
    }
}
