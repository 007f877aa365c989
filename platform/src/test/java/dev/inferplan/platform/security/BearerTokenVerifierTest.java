package dev.inferplan.platform.security;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.inferplan.platform.security.BearerTokenVerifier.Caller;
import dev.inferplan.platform.security.BearerTokenVerifier.InvalidTokenException;
import dev.inferplan.platform.testing.TestKeys;
import dev.inferplan.platform.testing.TestTokens;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BearerTokenVerifierTest {

    private final BearerTokenVerifier verifier = new BearerTokenVerifier(
            KeyFiles.readPublicKey(TestKeys.DIRECTORY.resolve(KeyFiles.PUBLIC_KEY_FILE).toString()),
            LocalTokenIssuer.LOCAL_ISSUER);

    @Test
    void validTokenNamesTheCallerAndRoles() {
        Caller caller = verifier.verify(TestTokens.token("ada", "reviewer", "team"));
        assertEquals("ada", caller.user());
        assertEquals(Set.of("reviewer", "team"), caller.roles());
        assertTrue(caller.hasAnyRole(Set.of("team")));
    }

    @Test
    void refusesExpiredForgedUnsignedAndGarbageTokens() {
        assertEquals("token is expired, not yet valid, or from another issuer",
                assertThrows(InvalidTokenException.class, () -> verifier.verify(TestTokens.expired("viewer"))).getMessage());
        assertEquals("token signature is not valid",
                assertThrows(InvalidTokenException.class, () -> verifier.verify(TestTokens.forged("viewer"))).getMessage());
        assertEquals("token algorithm none is not accepted",
                assertThrows(InvalidTokenException.class, () -> verifier.verify(TestTokens.unsigned("viewer"))).getMessage());
        assertThrows(InvalidTokenException.class, () -> verifier.verify("garbage"));
    }

    @Test
    void refusesATokenFromAnotherIssuer() {
        LocalTokenIssuer otherIssuer = LocalTokenIssuer.fromKeyDirectory(TestKeys.DIRECTORY, "someone-else");
        String token = otherIssuer.issue("eve", List.of("admin"), Instant.now(), Instant.now().plus(Duration.ofMinutes(5)));
        assertThrows(InvalidTokenException.class, () -> verifier.verify(token));
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
