package io.boss.cli.resource;

import io.boss.api.ResourceKind;

/** An object a command names does not exist; the message reads {@code pods "web" not found}. */
public class ResourceNotFoundException extends RuntimeException {

    public ResourceNotFoundException(ResourceKind kind, String name) {
        super(kind.plural() + " \"" + name + "\" not found");
    }
}
