package io.boss.server.registry;

import io.boss.api.model.Resource;

import java.util.List;

/** Validates an object before it is stored; returns one {@code path: message} line per field error. */
@FunctionalInterface
public interface ObjectValidator {

    List<String> validate(Resource resource);
}
