package io.boss.runtime.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The {@code sha256:<64 hex digits>} digests that pin artifact content. */
public final class Digests {

    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-fA-F]{64}");

    private Digests() {
    }

    /** Returns whether the value is {@code sha256:} followed by 64 hex digits. */
    public static boolean isValid(String digest) {
        return digest != null && SHA256.matcher(digest).matches();
    }

    /** Returns the error message for an invalid digest, naming the expected form. */
    public static String invalidMessage(String digest) {
        return "invalid digest '" + digest + "': use sha256: followed by 64 hex digits";
    }

    /** Returns a new SHA-256 message digest. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /** Returns the finished digest as {@code sha256:<hex>}. */
    public static String format(MessageDigest digest) {
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    /** Computes a file's digest as {@code sha256:<hex>}. */
    public static String of(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            int count;
            while ((count = in.read(buffer)) > 0) {
                digest.update(buffer, 0, count);
            }
        }
        return format(digest);
    }

    /** Computes the digest of a string's UTF-8 bytes as {@code sha256:<hex>}. */
    public static String ofText(String text) {
        MessageDigest digest = sha256();
        digest.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return format(digest);
    }
}
