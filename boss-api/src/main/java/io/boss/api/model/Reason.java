package io.boss.api.model;

/**
 * The closed set of reasons a pod's status and conditions give for why it waits or failed.
 * Provider-specific detail goes into the status {@code message}, never into a new reason.
 */
public enum Reason {
    UnsupportedClass,
    UnsupportedArtifact,
    IsolationMismatch,
    ProviderUnavailable,
    ArtifactFetchFailed,
    InvalidSpec,
    InsufficientResources,
    PermissionDenied,
    CreateFailed,
    StartFailed,
    StopFailed,
    StatusUnknown,
    Unschedulable,
    NodeLost
}
