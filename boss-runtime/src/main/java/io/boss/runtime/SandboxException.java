package io.boss.runtime;

import io.boss.api.model.Reason;
import java.util.Objects;

/**
 * A provider operation that failed. The {@link Reason} is what the pod's status reports; the
 * message carries the provider's detail and goes into the status {@code message}.
 */
public class SandboxException extends Exception {

    private final Reason reason;

    public SandboxException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public SandboxException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
