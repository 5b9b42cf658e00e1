package io.boss.node.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SandboxIdsTest {

    @Test
    void idOfRunRoundTrips() {
        String uid = "6f1c1b2e-3d4a-4b5c-8d9e-0a1b2c3d4e5f";

        String id = SandboxIds.forRun(uid, 7);

        assertEquals(uid + "-7", id);
        assertEquals(Optional.of(new SandboxIds.Parsed(uid, 7)), SandboxIds.parse(id));
    }

    @Test
    void foreignIdsAreNotParsed() {
        assertTrue(SandboxIds.parse("sandbox").isEmpty());
        assertTrue(SandboxIds.parse("abc-").isEmpty());
        assertTrue(SandboxIds.parse("abc-x1").isEmpty());
        assertTrue(SandboxIds.parse("-1").isEmpty());
    }

    @Test
    void podWithoutUidIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SandboxIds.forRun("", 0));

        assertTrue(error.getMessage().contains("metadata.uid"), error.getMessage());
    }
}
