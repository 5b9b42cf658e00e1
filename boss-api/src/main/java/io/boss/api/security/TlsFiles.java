package io.boss.api.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the {@link SSLContext} of an API client from PEM files, as {@code kubectl} reads its
 * {@code certificate-authority}, {@code client-certificate} and {@code client-key}: the CA file
 * contains one or more certificates to trust, the certificate file a client certificate chain, and
 * the key file its unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}, RSA or EC, as
 * {@code openssl genpkey} writes it).
 */
public final class TlsFiles {

    private static final char[] IN_MEMORY_PASSWORD = new char[0];

    private TlsFiles() {
    }

    /**
     * Returns a TLS context that trusts the certificates in {@code caFile} (the JDK's default
     * trust store when null) and presents the client certificate when both {@code certFile} and
     * {@code keyFile} are given.
     *
     * @throws IllegalArgumentException naming the file that is missing or invalid
     */
    public static SSLContext sslContext(Path caFile, Path certFile, Path keyFile) {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("a client certificate needs both a certificate file and a key file, got "
                    + (certFile == null ? "only the key file " + keyFile : "only the certificate file " + certFile));
        }
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(caFile == null ? null : trustStore(caFile));

            KeyManagerFactory keys = null;
            if (certFile != null) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(keyStore(certFile, keyFile), IN_MEMORY_PASSWORD);
            }

            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("failed to set up TLS from CA file " + caFile + ", certificate file "
                    + certFile + " and key file " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /** Reads every certificate of a PEM file. */
    public static List<Certificate> readCertificates(Path file) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<Certificate> certificates = new ArrayList<>(
                    factory.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file))));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + file + ": expected PEM blocks starting with "
                        + "-----BEGIN CERTIFICATE-----");
            }
            return certificates;
        } catch (IOException e) {
            throw new IllegalArgumentException("failed to read certificate file " + file + ": " + e, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("invalid certificate file " + file + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore trustStore(Path caFile) throws GeneralSecurityException {
        KeyStore store = emptyStore();
        List<Certificate> certificates = readCertificates(caFile);
        for (int i = 0; i < certificates.size(); i++) {
            store.setCertificateEntry("ca-" + i, certificates.get(i));
        }
        return store;
    }

    private static KeyStore keyStore(Path certFile, Path keyFile) throws GeneralSecurityException {
        KeyStore store = emptyStore();
        List<Certificate> chain = readCertificates(certFile);
        store.setKeyEntry("client", readPrivateKey(keyFile), IN_MEMORY_PASSWORD, chain.toArray(new Certificate[0]));
        return store;
    }

    private static PrivateKey readPrivateKey(Path keyFile) throws GeneralSecurityException {
        String pem;
        try {
            pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("failed to read key file " + keyFile + ": " + e, e);
        }
        String begin = "-----BEGIN PRIVATE KEY-----";
        int start = pem.indexOf(begin);
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("invalid key file " + keyFile + ": expected an unencrypted PKCS#8 key "
                    + "starting with " + begin + "; convert it with openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException e) {
                // Try the next algorithm: PKCS#8 names it inside the DER, but KeyFactory is per algorithm.
            }
        }
        throw new IllegalArgumentException("invalid key file " + keyFile + ": not an RSA, EC or Ed25519 PKCS#8 key");
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, IN_MEMORY_PASSWORD);
        } catch (IOException e) {
            throw new IllegalStateException("failed to create an in-memory key store", e);
        }
        return store;
    }
}
