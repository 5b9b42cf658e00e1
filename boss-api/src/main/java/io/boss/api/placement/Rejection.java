package io.boss.api.placement;

import io.boss.api.model.Reason;

import java.util.Objects;

/**
 * Why a provider or a node cannot run a pod: one of the standard {@link Reason}s and a short
 * message in plain words, such as {@code no provider for class wasm}.
 *
 * <p>{@code stage} is the position of the check that failed in the matching order (class, health,
 * artifact, isolation, network, capacity, resources). A higher stage means the candidate passed
 * more checks, so it is the more useful rejection to show when several providers fail.
 */
public record Rejection(Reason reason, String message, int stage) {

    public static final int STAGE_CLASS = 0;
    public static final int STAGE_HEALTH = 1;
    public static final int STAGE_ARTIFACT = 2;
    public static final int STAGE_ISOLATION = 3;
    public static final int STAGE_NETWORK = 4;
    public static final int STAGE_CAPACITY = 5;
    public static final int STAGE_RESOURCES = 6;

    public Rejection {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return reason + ": " + message;
    }
}
