package io.boss.server.registry;

/** Part of an object that an update may change. */
public enum UpdateMode {
    /** The main resource: metadata and spec change, status is kept from the stored object. */
    MAIN,
    /** The status subresource: status changes, spec and metadata are kept from the stored object. */
    STATUS
}
