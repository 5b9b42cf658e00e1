package io.boss.server.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Bearer tokens read from a file that stores only their SHA-256 hashes, one per line:
 * <pre>
 * # sha256 of the token (hex), user, groups separated by ';'
 * 9f86d081884c7d65...,alice,system:masters
 * 60303ae22b998861...,system:node:node-1,system:nodes
 * </pre>
 * The file is read again, at most once per check interval, when a request arrives and its
 * content changed, so a removed line stops authenticating without a restart. A file that fails to
 * parse on a reread is logged and the previous tokens stay in force.
 *
 * <p>Thread-safe: lookups read an immutable snapshot; the reread is serialized.
 */
public final class TokenFile {

    private static final Logger LOG = LoggerFactory.getLogger(TokenFile.class);
    private static final HexFormat HEX = HexFormat.of();

    private final Path path;
    private final Duration checkInterval;
    private final Clock clock;
    private volatile List<Entry> entries;
    private volatile Instant nextCheck;
    private byte[] loadedContent;

    /**
     * Reads the file once.
     *
     * @throws IllegalArgumentException naming the file and line when it is missing or invalid
     */
    public TokenFile(Path path, Duration checkInterval, Clock clock) {
        this.path = path;
        this.checkInterval = checkInterval;
        this.clock = clock;
        byte[] content = read();
        this.entries = parse(content);
        this.loadedContent = content;
        this.nextCheck = clock.instant().plus(checkInterval);
        LOG.info("Loaded {} bearer tokens from {}", entries.size(), path);
    }

    /** Returns the user whose token hashes to the same value as {@code token}. */
    public Optional<UserInfo> authenticate(String token) {
        reloadIfDue();
        byte[] hash = sha256(token);
        UserInfo match = null;
        // Compare against every entry so the time taken does not tell which entry matched.
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash(), hash) && match == null) {
                match = entry.user();
            }
        }
        return Optional.ofNullable(match);
    }

    /** Returns the lowercase hex SHA-256 of a token, the form the file stores. */
    public static String hash(String token) {
        return HEX.formatHex(sha256(token));
    }

    private void reloadIfDue() {
        if (clock.instant().isBefore(nextCheck)) {
            return;
        }
        synchronized (this) {
            if (clock.instant().isBefore(nextCheck)) {
                return;
            }
            nextCheck = clock.instant().plus(checkInterval);
            try {
                byte[] content = read();
                if (Arrays.equals(content, loadedContent)) {
                    return;
                }
                entries = parse(content);
                loadedContent = content;
                LOG.info("Reloaded {} bearer tokens from {}", entries.size(), path);
            } catch (IllegalArgumentException e) {
                LOG.error("Keeping the previous {} bearer tokens because the changed token file is invalid: {}",
                        entries.size(), e.getMessage());
            }
        }
    }

    private byte[] read() {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("failed to read token file " + path + ": " + e, e);
        }
    }

    private List<Entry> parse(byte[] content) {
        List<Entry> parsed = new ArrayList<>();
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            parsed.add(parseLine(line, i + 1));
        }
        return List.copyOf(parsed);
    }

    private Entry parseLine(String line, int number) {
        String[] fields = line.split(",", -1);
        if (fields.length < 2 || fields.length > 3) {
            throw invalid(number, "expected sha256-hex,user[,group1;group2], got " + fields.length + " fields");
        }
        String hash = fields[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!hash.matches("[0-9a-f]{64}")) {
            throw invalid(number, "the first field must be the 64-character hex SHA-256 of the token, "
                    + "not the token itself; compute it with: printf %s TOKEN | sha256sum");
        }
        String user = fields[1].trim();
        if (user.isEmpty()) {
            throw invalid(number, "the user field is empty");
        }
        List<String> groups = new ArrayList<>();
        if (fields.length == 3) {
            for (String group : fields[2].split(";")) {
                if (!group.isBlank()) {
                    groups.add(group.trim());
                }
            }
        }
        return new Entry(HEX.parseHex(hash), UserInfo.authenticated(user, groups));
    }

    private IllegalArgumentException invalid(int line, String problem) {
        return new IllegalArgumentException("invalid token file " + path + " line " + line + ": " + problem);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private record Entry(byte[] hash, UserInfo user) {
    }
}
