package io.boss.server.resources;

import io.boss.server.errors.ApiException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * A request body read into memory under a size limit, with the format its Content-Type names.
 *
 * <p>The limit is enforced while reading, so a chunked body without Content-Length is cut off at
 * the limit too, and nothing is parsed before the whole body is known to fit.
 */
public record RequestBody(byte[] bytes, boolean isYaml) {

    /**
     * Reads {@code input} up to {@code maxBytes}.
     *
     * @throws ApiException 415 when the Content-Type is neither JSON nor YAML, 413 when the body is
     *     larger than {@code maxBytes}
     */
    public static RequestBody read(InputStream input, String contentType, String contentLength, long maxBytes) {
        boolean isYaml = isYaml(contentType);
        if (contentLength != null && !contentLength.isBlank()) {
            long declared = parseLength(contentLength);
            if (declared > maxBytes) {
                throw tooLarge(declared + " bytes", maxBytes);
            }
        }

        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            int count;
            while ((count = input.read(chunk)) != -1) {
                if (buffer.size() + count > maxBytes) {
                    throw tooLarge("more than " + maxBytes + " bytes", maxBytes);
                }
                buffer.write(chunk, 0, count);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the request body", e);
        }
        return new RequestBody(buffer.toByteArray(), isYaml);
    }

    /** Returns whether the body is empty. */
    public boolean isEmpty() {
        return bytes.length == 0;
    }

    private static boolean isYaml(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
        if (type.equals("application/json") || type.endsWith("+json")) {
            return false;
        }
        if (type.equals("application/yaml") || type.equals("application/x-yaml") || type.equals("text/yaml")) {
            return true;
        }
        throw ApiException.unsupportedMediaType("Content-Type " + type
                + " is not supported; send application/json or application/yaml");
    }

    private static long parseLength(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Content-Length must be an integer, got '" + contentLength + "'");
        }
    }

    private static ApiException tooLarge(String size, long maxBytes) {
        return ApiException.tooLarge("Request body of " + size + " exceeds the limit of " + maxBytes
                + " bytes (api.maxRequestBytes)");
    }
}
