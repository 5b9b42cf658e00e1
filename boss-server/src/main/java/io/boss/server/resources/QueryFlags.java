package io.boss.server.resources;

import io.boss.server.errors.ApiException;

/** Parses query parameters, rejecting bad values with a message that names the parameter. */
final class QueryFlags {

    private QueryFlags() {
    }

    /** Parses a boolean flag; absent means false. */
    static boolean isTrue(String name, String value) {
        if (value == null || value.isEmpty() || value.equals("false") || value.equals("0")) {
            return false;
        }
        if (value.equals("true") || value.equals("1")) {
            return true;
        }
        throw ApiException.badRequest("Query parameter " + name + " must be true or false, got '" + value + "'");
    }

    /** Parses a resourceVersion; absent means 0. */
    static long resourceVersion(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            long revision = Long.parseLong(value);
            if (revision >= 0) {
                return revision;
            }
        } catch (NumberFormatException e) {
            // Falls through to the error below, which names the bad value.
        }
        throw ApiException.badRequest("Query parameter resourceVersion must be a non-negative integer, got '" + value + "'");
    }
}
