package io.boss.node.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.boss.api.client.BossClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The agent's credentials for the API servers, and the CA whose certificates it trusts. A secured
 * cluster gives each node a bearer token for user {@code system:node:<nodeName>} in group
 * {@code system:nodes}, or a client certificate with that CN and O. Every key is optional; with none set the agent sends no
 * credentials, as a cluster with authentication off expects.
 */
public class ApiCredentials {

    /** Bearer token; prefer {@code tokenFile}, which keeps the secret out of the config file. */
    @JsonProperty
    private String token;

    /** File whose first line is the bearer token. */
    @JsonProperty
    private String tokenFile;

    /** PEM file of the CA certificates that signed the servers' https certificates. */
    @JsonProperty
    private String caFile;

    /** PEM client certificate (CN = user, O = groups); needs {@code keyFile}. */
    @JsonProperty
    private String certFile;

    /** Unencrypted PKCS#8 PEM key of {@code certFile}. */
    @JsonProperty
    private String keyFile;

    /** Applies these credentials to a client builder. */
    public BossClient.Builder applyTo(BossClient.Builder builder) {
        builder.bearerToken(resolvedToken());
        if (caFile != null) {
            builder.caFile(Path.of(caFile));
        }
        if (certFile != null || keyFile != null) {
            builder.clientCertificate(certFile == null ? null : Path.of(certFile), keyFile == null ? null : Path.of(keyFile));
        }
        return builder;
    }

    /** Returns the token from {@code token} or the first line of {@code tokenFile}, or null. */
    public String resolvedToken() {
        if (token != null && !token.isBlank()) {
            return token.trim();
        }
        if (tokenFile == null) {
            return null;
        }
        try {
            return Files.readAllLines(Path.of(tokenFile)).stream().findFirst().map(String::trim).orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read credentials.tokenFile " + tokenFile, e);
        }
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public String getTokenFile() {
        return tokenFile;
    }

    public void setTokenFile(String tokenFile) {
        this.tokenFile = tokenFile;
    }

    public String getCaFile() {
        return caFile;
    }

    public void setCaFile(String caFile) {
        this.caFile = caFile;
    }

    public String getCertFile() {
        return certFile;
    }

    public void setCertFile(String certFile) {
        this.certFile = certFile;
    }

    public String getKeyFile() {
        return keyFile;
    }

    public void setKeyFile(String keyFile) {
        this.keyFile = keyFile;
    }
}
