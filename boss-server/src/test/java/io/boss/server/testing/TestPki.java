package io.boss.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Key;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate authority for TLS tests, made with the JDK's {@code keytool} so tests
 * need no other tool: a CA, a server certificate for 127.0.0.1 in a PKCS12 key store, a PKCS12
 * trust store holding the CA, and client certificates as PEM files. EC P-256 keys, valid two days.
 */
public final class TestPki {

    /** Password of every key store this class writes. */
    public static final String PASSWORD = "changeit";

    private final Path directory;
    private final String name;

    private TestPki(Path directory, String name) {
        this.directory = directory;
        this.name = name;
    }

    /** Creates a CA called {@code name} under {@code directory}. */
    public static TestPki create(Path directory, String name) {
        TestPki pki = new TestPki(directory, name);
        pki.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + name, "-ext", "bc:c", "-validity", "2",
                "-keystore", pki.caStore().toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        pki.keytool("-exportcert", "-alias", "ca", "-rfc", "-keystore", pki.caStore().toString(),
                "-storepass", PASSWORD, "-file", pki.caFile().toString());
        pki.keytool("-importcert", "-alias", "ca", "-noprompt", "-file", pki.caFile().toString(),
                "-keystore", pki.trustStore().toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        return pki;
    }

    /** PEM file of the CA certificate, for clients to trust. */
    public Path caFile() {
        return directory.resolve(name + "-ca.pem");
    }

    /** PKCS12 trust store holding the CA certificate, for a server that verifies client certificates. */
    public Path trustStore() {
        return directory.resolve(name + "-trust.p12");
    }

    /** Issues a server certificate for 127.0.0.1 and localhost; returns its PKCS12 key store. */
    public Path issueServer(String alias) {
        Path store = directory.resolve(name + "-" + alias + ".p12");
        issue(alias, "CN=" + alias, store, "SAN=ip:127.0.0.1,dns:localhost", "EKU=serverAuth");
        return store;
    }

    /**
     * Issues a client certificate with subject {@code CN=user, O=group...} and returns its PEM
     * certificate and PKCS#8 PEM key files, in that order.
     */
    public List<Path> issueClient(String user, String... groups) {
        String alias = "client-" + user.replaceAll("[^a-zA-Z0-9-]", "-");
        StringBuilder subject = new StringBuilder("CN=" + user);
        for (String group : groups) {
            subject.append(", O=").append(group);
        }
        Path store = directory.resolve(name + "-" + alias + ".p12");
        Path cert = directory.resolve(name + "-" + alias + ".pem");
        // The signed PEM is all a client needs, so it is not imported back into the key store.
        sign(alias, subject.toString(), store, cert, "EKU=clientAuth");
        Path key = directory.resolve(name + "-" + alias + "-key.pem");
        writePrivateKey(store, alias, key);
        return List.of(cert, key);
    }

    private void issue(String alias, String subject, Path store, String... extensions) {
        Path signed = directory.resolve(name + "-" + alias + "-signed.pem");
        sign(alias, subject, store, signed, extensions);
        keytool("-importcert", "-alias", "ca", "-noprompt", "-file", caFile().toString(),
                "-keystore", store.toString(), "-storepass", PASSWORD);
        keytool("-importcert", "-alias", alias, "-noprompt", "-file", signed.toString(),
                "-keystore", store.toString(), "-storepass", PASSWORD);
    }

    /** Creates a key pair in {@code store} and writes its certificate, signed by the CA, to {@code signed}. */
    private void sign(String alias, String subject, Path store, Path signed, String... extensions) {
        Path request = directory.resolve(name + "-" + alias + ".csr");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", subject,
                "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-certreq", "-alias", alias, "-keystore", store.toString(), "-storepass", PASSWORD,
                "-file", request.toString());
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-alias", "ca", "-keystore", caStore().toString(),
                "-storepass", PASSWORD, "-infile", request.toString(), "-outfile", signed.toString(), "-rfc",
                "-validity", "2"));
        for (String extension : extensions) {
            gencert.add("-ext");
            gencert.add(extension);
        }
        keytool(gencert.toArray(new String[0]));
    }

    private Path caStore() {
        return directory.resolve(name + "-ca.p12");
    }

    private static void writePrivateKey(Path store, String alias, Path target) {
        try (InputStream input = Files.newInputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(input, PASSWORD.toCharArray());
            Key key = keyStore.getKey(alias, PASSWORD.toCharArray());
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Files.writeString(target, pem, StandardCharsets.US_ASCII);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("failed to export the key of " + alias + " from " + store, e);
        }
    }

    private void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        // keytool is a short-lived JVM: the quickest start matters more than peak speed.
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC", "-J-Xshare:auto"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool timed out: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed with exit code " + process.exitValue() + ": "
                        + command + "\n" + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("failed to run keytool: " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
