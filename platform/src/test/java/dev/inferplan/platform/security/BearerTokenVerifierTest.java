package dev.inferplan.platform.security;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.inferplan.platform.security.BearerTokenVerifier.Caller;
import dev.inferplan.platform.security.BearerTokenVerifier.InvalidTokenException;
import dev.inferplan.platform.security.BearerTokenVerifier.Limits;
import dev.inferplan.platform.testing.TestKeys;
import dev.inferplan.platform.testing.TestTokens;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BearerTokenVerifierTest {

    private static final Instant T0 = Instant.parse("2026-12-03T07:00:00Z");
    private static final LocalTokenIssuer ISSUER = LocalTokenIssuer.fromKeyDirectory(keys(), LocalTokenIssuer.LOCAL_ISSUER);

    private final BearerTokenVerifier verifier = new BearerTokenVerifier(
            KeyFiles.readPublicKey(TestKeys.DIRECTORY.resolve(KeyFiles.PUBLIC_KEY_FILE).toString()),
            LocalTokenIssuer.LOCAL_ISSUER);

    private static Path keys() {
        TestKeys.install();
        return TestKeys.DIRECTORY;
    }

    /** Skew 30 s, tokens of at most 1 h, no older than 2 h, at T0. */
    private static BearerTokenVerifier at(Instant now, Optional<Duration> maxAge) {
        return new BearerTokenVerifier(KeyFiles.readPublicKey(TestKeys.DIRECTORY.resolve(KeyFiles.PUBLIC_KEY_FILE).toString()),
                LocalTokenIssuer.LOCAL_ISSUER, new Limits(Duration.ofSeconds(30), Duration.ofHours(1), maxAge),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static String issued(Instant at, Duration validFor) {
        return ISSUER.issue("ada", List.of("team"), at, at.plus(validFor));
    }

    @Test
    void validTokenNamesTheCallerAndRoles() {
        Caller caller = verifier.verify(TestTokens.token("ada", "reviewer", "team"));
        assertEquals("ada", caller.user());
        assertEquals(Set.of("reviewer", "team"), caller.roles());
        assertTrue(caller.hasAnyRole(Set.of("team")));
    }

    @Test
    void refusesExpiredForgedUnsignedAndGarbageTokens() {
        assertEquals("token is expired",
                assertThrows(InvalidTokenException.class, () -> verifier.verify(TestTokens.expired("viewer"))).getMessage());
        assertEquals("token signature is not valid",
                assertThrows(InvalidTokenException.class, () -> verifier.verify(TestTokens.forged("viewer"))).getMessage());
        assertEquals("token algorithm none is not accepted",
                assertThrows(InvalidTokenException.class, () -> verifier.verify(TestTokens.unsigned("viewer"))).getMessage());
        for (String garbage : List.of("garbage", "not.a.jwt", "...", "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln")) {
            assertEquals("malformed token", assertThrows(InvalidTokenException.class, () -> verifier.verify(garbage)).getMessage(),
                    garbage);
        }
    }

    @Test
    void refusesAUserNameLongerThanTheActorColumns() {
        Instant now = Instant.now();
        String longest = ISSUER.issue("u".repeat(128), List.of("team"), now, now.plus(Duration.ofMinutes(5)));
        assertEquals("u".repeat(128), verifier.verify(longest).user());
        String tooLong = ISSUER.issue("u".repeat(129), List.of("team"), now, now.plus(Duration.ofMinutes(5)));
        assertEquals("token's user name is longer than 128 characters",
                assertThrows(InvalidTokenException.class, () -> verifier.verify(tooLong)).getMessage());
    }

    @Test
    void refusesATokenFromAnotherIssuer() {
        LocalTokenIssuer otherIssuer = LocalTokenIssuer.fromKeyDirectory(TestKeys.DIRECTORY, "someone-else");
        String token = otherIssuer.issue("eve", List.of("admin"), Instant.now(), Instant.now().plus(Duration.ofMinutes(5)));
        assertEquals("token is from another issuer",
                assertThrows(InvalidTokenException.class, () -> verifier.verify(token)).getMessage());
    }

    @Test
    void refusesATokenWhoseNotBeforeLiesAhead() {
        assertEquals("token is not valid yet (nbf)",
                assertThrows(InvalidTokenException.class, () -> verifier.verify(TestTokens.notYetValid("viewer"))).getMessage());
    }

    @Test
    void refusesATokenWithCriticalHeaderParameters() {
        assertEquals("token has critical header parameters (crit), none of which is understood here",
                assertThrows(InvalidTokenException.class,
                        () -> verifier.verify(TestTokens.withCriticalHeader("viewer"))).getMessage());
    }

    @Test
    void theMaximumLifetimeIsExpMinusIat() {
        BearerTokenVerifier oneHourMax = at(T0, Optional.empty());
        assertEquals("ada", oneHourMax.verify(issued(T0, Duration.ofHours(1))).user());
        assertEquals("token is valid for longer than the 3600 s this service accepts (exp - iat)",
                assertThrows(InvalidTokenException.class,
                        () -> oneHourMax.verify(issued(T0, Duration.ofHours(1).plusSeconds(1)))).getMessage());
        assertThrows(InvalidTokenException.class, () -> verifier.verify(TestTokens.validFor("viewer", Duration.ofHours(25))));
        assertEquals("test-viewer", verifier.verify(TestTokens.validFor("viewer", Duration.ofHours(24))).user());
    }

    @Test
    void everyTimeCheckAllowsTheSkewAndNoMore() {
        String token = issued(T0, Duration.ofMinutes(10));
        // iat and nbf at T0: 30 s early is within the skew, 31 s is not
        assertEquals("ada", at(T0.minusSeconds(30), Optional.empty()).verify(token).user());
        assertEquals("token is not valid yet (nbf)", assertThrows(InvalidTokenException.class,
                () -> at(T0.minusSeconds(31), Optional.empty()).verify(token)).getMessage());
        // exp at T0 + 10 min: 30 s after it is within the skew, 31 s is not
        assertEquals("ada", at(T0.plusSeconds(630), Optional.empty()).verify(token).user());
        assertEquals("token is expired", assertThrows(InvalidTokenException.class,
                () -> at(T0.plusSeconds(631), Optional.empty()).verify(token)).getMessage());
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() {
        String token = ISSUER.issue("ada", List.of("team"), T0.plusSeconds(120), T0.plusSeconds(600));
        assertEquals("token is not valid yet (nbf)", assertThrows(InvalidTokenException.class,
                () -> at(T0, Optional.empty()).verify(token)).getMessage());
    }

    @Test
    void theMaximumAgeCountsFromIat() {
        String token = issued(T0, Duration.ofHours(1));
        assertEquals("ada", at(T0.plusSeconds(600), Optional.of(Duration.ofMinutes(10))).verify(token).user());
        assertEquals("token is older than the 600 s this service accepts (iat)", assertThrows(InvalidTokenException.class,
                () -> at(T0.plusSeconds(631), Optional.of(Duration.ofMinutes(10))).verify(token)).getMessage());
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new Limits(Duration.ofSeconds(-1), Duration.ofHours(1), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new Limits(Duration.ZERO, Duration.ZERO, Optional.empty()));
    }

    @Test
    void tokenCommandMakesKeysOnceAndIssuesTokensTheVerifierAccepts() {
        Path dir = TestKeys.DIRECTORY.resolveSibling("token-command-keys");
        TokenCommand.run(List.of("keygen", dir.toString()));
        String publicKey = dir.resolve(KeyFiles.PUBLIC_KEY_FILE).toString();
        BearerTokenVerifier local = new BearerTokenVerifier(KeyFiles.readPublicKey(publicKey), LocalTokenIssuer.LOCAL_ISSUER);
        String token = TokenCommand.run(List.of("token", dir.toString(), "--role", "admin", "--user", "ops"));
        assertEquals("ops", local.verify(token).user());
        assertEquals(Set.of("admin"), local.verify(token).roles());
        TokenCommand.run(List.of("keygen", dir.toString()));
        assertEquals("ops", local.verify(token).user(), "a second keygen keeps the existing pair");
        assertThrows(IllegalArgumentException.class, () -> TokenCommand.run(List.of("token", dir.toString(), "--role", "root")));
    }
}
