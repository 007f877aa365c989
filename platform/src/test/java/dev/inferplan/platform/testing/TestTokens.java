package dev.inferplan.platform.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.inferplan.platform.security.KeyFiles;
import dev.inferplan.platform.security.LocalTokenIssuer;
import dev.inferplan.platform.security.Roles;

import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.JwkRSA;

/** Tokens for tests: valid ones for a role, and the kinds a service must refuse. */
public final class TestTokens {

    private TestTokens() {
    }

    public static String token(String role) {
        return issuer().issue("test-" + role, List.of(role), Duration.ofMinutes(30));
    }

    public static String token(String user, String... roles) {
        return issuer().issue(user, List.of(roles), Duration.ofMinutes(30));
    }

    /** A runner's token bound to its pool ({@link Roles#POOL_CLAIM}). */
    public static String runnerOf(String user, String pool) {
        return issuer().issue(user, List.of(Roles.RUNNER), Duration.ofMinutes(30), Map.of(Roles.POOL_CLAIM, pool));
    }

    public static String bearer(String role) {
        return "Bearer " + token(role);
    }

    public static String expired(String role) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return issuer().issue("test-" + role, List.of(role), past, past.plus(Duration.ofMinutes(5)));
    }

    /** Signed correctly, but by a key the services do not trust. */
    public static String forged(String role) {
        Path otherKeys = TestKeys.DIRECTORY.resolveSibling("test-jwt-untrusted");
        KeyFiles.ensureKeyPair(otherKeys);
        return LocalTokenIssuer.fromKeyDirectory(otherKeys, LocalTokenIssuer.LOCAL_ISSUER)
                .issue("mallory", List.of(role), Duration.ofMinutes(30));
    }

    /** The payload of a valid token under an {@code alg: none} header and no signature. */
    public static String unsigned(String role) {
        String payload = token(role).split("\\.")[1];
        String header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    /** Valid in every way but its {@code nbf}, an hour ahead (issued now). */
    public static String notYetValid(String role) {
        Instant now = Instant.now();
        return sign(claims("test-" + role, role, now, now.plus(Duration.ofHours(2))).notBefore(now.plus(Duration.ofHours(1))));
    }

    /** Valid, but with a critical header parameter no service understands (RFC 7515 §4.1.11). */
    public static String withCriticalHeader(String role) {
        Instant now = Instant.now();
        return sign(claims("test-" + role, role, now, now.plus(Duration.ofMinutes(30)))
                .addHeaderClaim("crit", List.of("exp-policy")).addHeaderClaim("exp-policy", "lenient"));
    }

    /** Valid, issued now, for {@code lifetime}. */
    public static String validFor(String role, Duration lifetime) {
        Instant now = Instant.now();
        return sign(claims("test-" + role, role, now, now.plus(lifetime)));
    }

    private static Jwt.Builder claims(String user, String role, Instant issuedAt, Instant expiresAt) {
        return Jwt.builder()
                .algorithm(JwkRSA.ALG_RS256)
                .keyId("inferplan-local")
                .type("JWT")
                .jwtId(java.util.UUID.randomUUID().toString())
                .issuer(LocalTokenIssuer.LOCAL_ISSUER)
                .subject(user)
                .userPrincipal(user)
                .issueTime(issuedAt)
                .notBefore(issuedAt)
                .expirationTime(expiresAt)
                .addUserGroup(role);
    }

    private static String sign(Jwt.Builder jwt) {
        issuer();
        JwkRSA key = JwkRSA.builder().privateKey(KeyFiles.readPrivateKey(TestKeys.DIRECTORY.resolve(KeyFiles.PRIVATE_KEY_FILE)))
                .algorithm(JwkRSA.ALG_RS256).keyId("inferplan-local").build();
        return SignedJwt.sign(jwt.build(), key).tokenContent();
    }

    private static LocalTokenIssuer issuer() {
        if (!Files.exists(TestKeys.DIRECTORY.resolve(KeyFiles.PRIVATE_KEY_FILE))) {
            TestKeys.install();
        }
        return LocalTokenIssuer.fromKeyDirectory(TestKeys.DIRECTORY, LocalTokenIssuer.LOCAL_ISSUER);
    }
}
