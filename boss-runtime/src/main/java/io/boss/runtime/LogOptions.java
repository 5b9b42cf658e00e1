package io.boss.runtime;

/**
 * The part of a sandbox's output that {@link SandboxProvider#logs} returns.
 *
 * @param tailLines the number of last lines to start from, or null for the whole output
 * @param follow whether the stream keeps returning new output until the sandbox exits or the
 *     caller closes the stream
 */
public record LogOptions(Integer tailLines, boolean follow) {

    public LogOptions {
        if (tailLines != null && tailLines < 0) {
            throw new IllegalArgumentException("tailLines must be 0 or more, got " + tailLines);
        }
    }

    /** Returns options for the whole output, without following. */
    public static LogOptions all() {
        return new LogOptions(null, false);
    }
}
