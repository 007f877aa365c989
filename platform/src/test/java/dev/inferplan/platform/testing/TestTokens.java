package dev.inferplan.platform.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import dev.inferplan.platform.security.KeyFiles;
import dev.inferplan.platform.security.LocalTokenIssuer;

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

    private static LocalTokenIssuer issuer() {
        if (!Files.exists(TestKeys.DIRECTORY.resolve(KeyFiles.PRIVATE_KEY_FILE))) {
            TestKeys.install();
        }
        return LocalTokenIssuer.fromKeyDirectory(TestKeys.DIRECTORY, LocalTokenIssuer.LOCAL_ISSUER);
    }
}
