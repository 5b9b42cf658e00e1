package io.boss.api.model;

/**
 * Type of a {@link WatchEvent}, as in Kubernetes. A {@link #BOOKMARK} carries only
 * {@code metadata.resourceVersion} and marks progress; an {@link #ERROR} carries an
 * {@link io.boss.api.error.ApiError} and ends the stream.
 */
public enum WatchEventType {
    ADDED,
    MODIFIED,
    DELETED,
    BOOKMARK,
    ERROR
}
