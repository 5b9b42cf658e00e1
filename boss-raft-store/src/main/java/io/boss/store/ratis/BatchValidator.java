package io.boss.store.ratis;

import io.boss.store.Operation;
import io.boss.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a batch before it enters the Raft log. The proposing replica runs it to fail the caller's
 * future with a clear error, and the leader runs it again in {@code startTransaction}.
 */
final class BatchValidator {

    /** Maximum key length in UTF-8 bytes. The codec's length prefix allows at most 65,535. */
    static final int MAX_KEY_BYTES = 4096;

    private BatchValidator() {
    }

    /** Throws {@link StoreException} with reason {@code INVALID} naming the first problem found. */
    static void validate(List<Operation> operations, int maxValueBytes) {
        if (operations == null || operations.isEmpty()) {
            throw invalid(null, "a batch needs at least one operation");
        }
        Set<String> keys = new HashSet<>();
        for (Operation operation : operations) {
            if (operation == null) {
                throw invalid(null, "a batch contains a null operation");
            }
            String key = operation.key();
            if (key == null || key.isEmpty()) {
                throw invalid(key, "a key must be a non-empty string");
            }
            if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
                throw invalid(key, "key is longer than " + MAX_KEY_BYTES + " bytes");
            }
            if (!keys.add(key)) {
                throw invalid(key, "key " + key + " appears twice in one batch: combine the operations");
            }
            long expected = expectedRevision(operation);
            if (expected < 0) {
                throw invalid(key, "expected revision of key " + key + " is " + expected
                        + ": use a positive revision, or 0 to skip the check");
            }
            if (operation instanceof Operation.Delete) {
                continue;
            }
            byte[] value = valueOf(operation);
            if (value == null) {
                throw invalid(key, "value of key " + key + " is missing");
            }
            if (value.length > maxValueBytes) {
                throw invalid(key, "value of key " + key + " has " + value.length + " bytes, more than the limit of " + maxValueBytes);
            }
        }
    }

    private static long expectedRevision(Operation operation) {
        if (operation instanceof Operation.Update update) {
            return update.expectedRevision();
        }
        if (operation instanceof Operation.Delete delete) {
            return delete.expectedRevision();
        }
        return Operation.ANY_REVISION;
    }

    private static byte[] valueOf(Operation operation) {
        if (operation instanceof Operation.Create create) {
            return create.value();
        }
        if (operation instanceof Operation.Update update) {
            return update.value();
        }
        return null;
    }

    private static StoreException invalid(String key, String message) {
        return new StoreException(StoreException.Reason.INVALID, key, message);
    }
}
