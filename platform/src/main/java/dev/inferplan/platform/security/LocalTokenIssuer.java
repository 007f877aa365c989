package dev.inferplan.platform.security;

import java.nio.file.Path;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.JwkRSA;

/**
 * Issues RS256 tokens for the local suite (and tests) from the key pair under {@code ./var/jwt}.
 * Production uses a real identity provider; the services only ever verify.
 */
public final class LocalTokenIssuer {

    /** The issuer the local suite's services trust by default ({@code mp.jwt.verify.issuer}). */
    public static final String LOCAL_ISSUER = "inferplan-local";

    private final JwkRSA signingKey;
    private final String issuer;

    public LocalTokenIssuer(RSAPrivateKey privateKey, String issuer) {
        this.signingKey = JwkRSA.builder()
                .privateKey(privateKey)
                .algorithm(JwkRSA.ALG_RS256)
                .keyId("inferplan-local")
                .build();
        this.issuer = issuer;
    }

    public static LocalTokenIssuer fromKeyDirectory(Path dir, String issuer) {
        return new LocalTokenIssuer(KeyFiles.readPrivateKey(dir.resolve(KeyFiles.PRIVATE_KEY_FILE)), issuer);
    }

    public String issue(String user, Collection<String> roles, Duration validFor) {
        return issue(user, roles, Instant.now(), Instant.now().plus(validFor));
    }

    /** With claims of the suite's own, such as a runner's pool ({@link Roles#POOL_CLAIM}). */
    public String issue(String user, Collection<String> roles, Duration validFor, Map<String, String> claims) {
        return issue(user, roles, Instant.now(), Instant.now().plus(validFor), claims);
    }

    /** Explicit times, so tests can make an already expired token. */
    public String issue(String user, Collection<String> roles, Instant issuedAt, Instant expiresAt) {
        return issue(user, roles, issuedAt, expiresAt, Map.of());
    }

    private String issue(String user, Collection<String> roles, Instant issuedAt, Instant expiresAt,
                         Map<String, String> claims) {
        Jwt.Builder jwt = Jwt.builder()
                .algorithm(JwkRSA.ALG_RS256)
                .keyId("inferplan-local")
                .type("JWT")
                .jwtId(UUID.randomUUID().toString())
                .issuer(issuer)
                .subject(user)
                .userPrincipal(user)
                .preferredUsername(user)
                .issueTime(issuedAt)
                .notBefore(issuedAt)
                .expirationTime(expiresAt);
        roles.forEach(jwt::addUserGroup);
        claims.forEach(jwt::addPayloadClaim);
        return SignedJwt.sign(jwt.build(), signingKey).tokenContent();
    }
}
