package io.boss.runtime.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.api.model.ArtifactType;
import io.boss.api.model.IsolationLevel;
import io.boss.api.model.NetworkMode;
import io.boss.api.model.SandboxClass;
import io.boss.runtime.SandboxArtifact;
import io.boss.runtime.SandboxSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxRecordCodecTest {

    @Test
    void fullRecordSurvivesRoundTrip() {
        SandboxSpec spec = new SandboxSpec("web-1", "prod", "web", "uid-1", SandboxClass.PROCESS,
                new SandboxArtifact(ArtifactType.EXECUTABLE, "/opt/web server", "sha256:" + "a".repeat(64)),
                IsolationLevel.NAMESPACED, NetworkMode.NONE,
                List.of("/bin/sh", "-c"), List.of("echo 'a=b: c' # ü", ""),
                Map.of("KEY.WITH.DOTS", "x=y", "EMPTY", ""), 250L, 100L, 64L << 20,
                Map.of("boss.io/app", "web", "tier", "front end"));
        SandboxRecord record = SandboxRecord.created(spec, Instant.parse("2026-01-02T03:04:05.123Z"))
                .withStarted(Instant.parse("2026-01-02T03:04:06Z"), 4242, 987654)
                .withKilled(Instant.parse("2026-01-02T03:05:00Z"));

        SandboxRecord decoded = SandboxRecordCodec.decode(SandboxRecordCodec.encode(record));

        assertEquals(record, decoded);
    }

    @Test
    void minimalRecordSurvivesRoundTrip() {
        SandboxSpec spec = SandboxSpec.builder("min").build();
        SandboxRecord record = SandboxRecord.created(spec, Instant.parse("2026-01-02T03:04:05Z"));

        assertEquals(record, SandboxRecordCodec.decode(SandboxRecordCodec.encode(record)));
    }

    @Test
    void unknownEnumValueIsNamed() {
        String text = SandboxRecordCodec.encode(SandboxRecord.created(SandboxSpec.builder("bad").build(),
                Instant.EPOCH)).replace("sandboxClass=process", "sandboxClass=teleport");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SandboxRecordCodec.decode(text));

        assertTrue(error.getMessage().contains("sandboxClass"), error.getMessage());
        assertTrue(error.getMessage().contains("teleport"), error.getMessage());
    }
}
