package io.boss.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AgesTest {

    @ParameterizedTest(name = "{0}s is {1}")
    @CsvSource({
        "-5, <invalid>",
        "-1, 0s",
        "0, 0s",
        "5, 5s",
        "119, 119s",
        "120, 2m",
        "330, 5m30s",
        "599, 9m59s",
        "600, 10m",
        "10799, 179m",
        "10800, 3h",
        "8100, 135m",
        "27000, 7h30m",
        "28800, 8h",
        "172799, 47h",
        "172800, 2d",
        "273600, 3d4h",
        "691200, 8d",
        "1036800, 12d",
        "63072000, 2y",
        "65664000, 2y30d",
        "252460800, 8y",
    })
    void formatsLikeKubectl(long seconds, String expected) {
        assertEquals(expected, Ages.format(Duration.ofSeconds(seconds)));
    }

    @Test
    void missingTimestampIsUnknown() {
        assertEquals("<unknown>", Ages.between(null, Instant.EPOCH));
    }
}
