package io.boss.server.controller.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.boss.api.json.Serialization;
import io.boss.api.model.PodTemplateSpec;

import java.nio.charset.StandardCharsets;

/**
 * The {@code pod-template-hash} of a Deployment's pod template: a 32-bit FNV-1a hash of the
 * template's JSON with sorted keys, plus the collision count when it is set, written with the
 * consonant-and-digit alphabet Kubernetes uses for generated names. Equal templates give equal
 * hashes on every replica and in every label order.
 */
public final class TemplateHash {

    /** Label the controller adds to each ReplicaSet's selector, template and labels. */
    public static final String LABEL = "pod-template-hash";

    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int FNV_OFFSET_BASIS = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;
    @SuppressWarnings("deprecation")
    private static final ObjectMapper CANONICAL = Serialization.json().copy()
            .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private TemplateHash() {
    }

    /** Returns the hash of {@code template}; {@code collisionCount} null or 0 leaves it out. */
    public static String of(PodTemplateSpec template, Integer collisionCount) {
        byte[] json;
        try {
            json = CANONICAL.writeValueAsBytes(template);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("pod template cannot be written as JSON: " + e.getMessage(), e);
        }

        int hash = FNV_OFFSET_BASIS;
        hash = fnv(hash, json);
        if (collisionCount != null && collisionCount > 0) {
            hash = fnv(hash, Integer.toString(collisionCount).getBytes(StandardCharsets.UTF_8));
        }
        return encode(Integer.toUnsignedString(hash));
    }

    private static int fnv(int hash, byte[] bytes) {
        int result = hash;
        for (byte b : bytes) {
            result ^= b & 0xff;
            result *= FNV_PRIME;
        }
        return result;
    }

    /** Maps each decimal digit to a letter or digit that cannot spell words, as Kubernetes' SafeEncodeString. */
    private static String encode(String digits) {
        StringBuilder encoded = new StringBuilder(digits.length());
        for (char c : digits.toCharArray()) {
            encoded.append(ALPHABET.charAt(c % ALPHABET.length()));
        }
        return encoded.toString();
    }
}
