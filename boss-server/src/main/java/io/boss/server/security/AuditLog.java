package io.boss.server.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one line per mutating request to the {@value #LOGGER} logger of the replica that served
 * it: user, verb, target and the HTTP status it got, for example
 * {@code user="alice" verb=create target=pods "web" in namespace "default" status=201}. Route the
 * logger to its own file with Dropwizard's {@code logging.loggers} setting.
 */
public final class AuditLog {

    /** Name of the audit logger. */
    public static final String LOGGER = "boss.audit";

    private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER);

    private AuditLog() {
    }

    public static void record(UserInfo user, RequestAttributes request, int status) {
        AUDIT.info("user=\"{}\" verb={} target={} status={}", user.name(), request.verb(), request.describeTarget(),
                status);
    }
}
