package io.boss.server.informer;

import io.boss.api.model.Resource;

/**
 * One change to a typed object, in revision order. For {@link Type#DELETED}, {@code object} is
 * the last state before the delete.
 */
public record ObjectEvent<T extends Resource>(Type type, T object, long revision) {

    public enum Type { ADDED, MODIFIED, DELETED }
}
