package io.boss.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

    @ParameterizedTest(name = "cpu {0} = {1}m")
    @CsvSource({"500m, 500", "2, 2000", "0.5, 500", "1.5, 1500", "0.0001, 1", "100u, 1", "1k, 1000000", "1e1, 10000",
            "+3, 3000", ".25, 250"})
    void cpuParsesToMillicores(String quantity, long millicores) {
        assertEquals(millicores, Quantity.toMillicores(quantity));
    }

    @ParameterizedTest(name = "memory {0} = {1} bytes")
    @CsvSource({"128Mi, 134217728", "1Gi, 1073741824", "1000000, 1000000", "1M, 1000000", "1.5Ki, 1536",
            "2Ei, 2305843009213693952", "1E, 1000000000000000000", "1e3, 1000", "0, 0"})
    void memoryParsesToBytes(String quantity, long bytes) {
        assertEquals(bytes, Quantity.toBytes(quantity));
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @ValueSource(strings = {"", "abc", "-1", "1Xi", "1 Gi", "1.2.3", "Gi", "1e", "0x10"})
    void malformedQuantityIsRejectedWithTheValue(String quantity) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Quantity.toBytes(quantity));

        assertTrue(error.getMessage().startsWith("invalid quantity \"" + quantity + "\""), error.getMessage());
    }

    @ParameterizedTest(name = "\"{0}\" is too large")
    @ValueSource(strings = {"8Ei", "10E"})
    void quantityAboveLongIsRejected(String quantity) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Quantity.toBytes(quantity));

        assertEquals("quantity \"" + quantity + "\" is too large", error.getMessage());
    }
}
