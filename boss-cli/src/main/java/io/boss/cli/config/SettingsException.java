package io.boss.cli.config;

/** A server list, namespace or config file that cannot be used; the message names the fix. */
public class SettingsException extends RuntimeException {

    public SettingsException(String message) {
        super(message);
    }
}
