package io.boss.server.security;

import jakarta.servlet.http.HttpServletRequest;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds who sent a request: a client certificate that the TLS connector verified against its
 * trust store wins (subject CN is the user, each O is a group, as in Kubernetes), else an
 * {@code Authorization: Bearer} token from the {@link TokenFile}. Thread-safe.
 */
public final class Authenticator {

    /** The servlet request attribute where Jetty puts the verified client certificate chain. */
    static final String CERTIFICATES_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    private final TokenFile tokens;

    /** @param tokens the token file, or null when only client certificates authenticate */
    public Authenticator(TokenFile tokens) {
        this.tokens = tokens;
    }

    /** The outcome: the user, or why the request carries no valid credential. */
    public record Result(Optional<UserInfo> user, String failure) {
    }

    public Result authenticate(HttpServletRequest request) {
        Object certificates = request.getAttribute(CERTIFICATES_ATTRIBUTE);
        if (certificates instanceof X509Certificate[] chain && chain.length > 0) {
            Optional<UserInfo> user = fromCertificate(chain[0]);
            if (user.isPresent()) {
                return new Result(user, null);
            }
        }

        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            return new Result(Optional.empty(), "the request has no credentials: send Authorization: Bearer TOKEN "
                    + "or a client certificate signed by the cluster CA");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            return new Result(Optional.empty(), "the Authorization header must be Bearer TOKEN");
        }
        if (tokens == null) {
            return new Result(Optional.empty(), "bearer tokens are not accepted because security.tokenFile is not set");
        }
        Optional<UserInfo> user = tokens.authenticate(header.substring(7).trim());
        return user.isPresent() ? new Result(user, null)
                : new Result(Optional.empty(), "the bearer token is invalid or was revoked");
    }

    /** Reads the user from the subject CN and the groups from its O values; empty when there is no CN. */
    static Optional<UserInfo> fromCertificate(X509Certificate certificate) {
        String name = null;
        List<String> groups = new ArrayList<>();
        try {
            LdapName subject = new LdapName(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253));
            for (Rdn rdn : subject.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN") && name == null) {
                    name = rdn.getValue().toString();
                } else if (rdn.getType().equalsIgnoreCase("O")) {
                    groups.add(rdn.getValue().toString());
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return name == null || name.isEmpty() ? Optional.empty() : Optional.of(UserInfo.authenticated(name, groups));
    }
}
