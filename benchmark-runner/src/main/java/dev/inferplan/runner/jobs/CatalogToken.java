package dev.inferplan.runner.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.inferplan.platform.security.KeyFiles;
import dev.inferplan.platform.security.LocalTokenIssuer;
import dev.inferplan.platform.security.Roles;

/**
 * The bearer token the runner presents to the catalog (role {@code runner}): the configured one
 * ({@code RUNNER_CATALOG_TOKEN} in production), else, in the local suite, one issued from the
 * suite's key pair under {@code ./var/jwt} and renewed well before it expires.
 */
public final class CatalogToken implements Supplier<String> {

    private static final Duration VALID_FOR = Duration.ofHours(12);
    private static final Duration RENEW_AFTER = Duration.ofHours(1);

    private final Optional<String> configured;
    private final Path keyDirectory;
    private final String issuer;
    private final String user;
    private String issued;
    private Instant issuedAt = Instant.EPOCH;

    public CatalogToken(Optional<String> configured, Path keyDirectory, String issuer, String user) {
        this.configured = configured.filter(t -> !t.isBlank());
        this.keyDirectory = keyDirectory;
        this.issuer = issuer;
        this.user = user;
    }

    /** Where the token comes from, for the status page. */
    public String source() {
        if (configured.isPresent()) {
            return "configured token";
        }
        return Files.isReadable(keyDirectory.resolve(KeyFiles.PRIVATE_KEY_FILE))
                ? "issued from the local key pair in " + keyDirectory
                : "none (set RUNNER_CATALOG_TOKEN)";
    }

    @Override
    public synchronized String get() {
        if (configured.isPresent()) {
            return configured.get();
        }
        if (!Files.isReadable(keyDirectory.resolve(KeyFiles.PRIVATE_KEY_FILE))) {
            return null;
        }
        if (issued == null || Instant.now().isAfter(issuedAt.plus(RENEW_AFTER))) {
            issued = LocalTokenIssuer.fromKeyDirectory(keyDirectory, issuer).issue(user, List.of(Roles.RUNNER), VALID_FOR);
            issuedAt = Instant.now();
        }
        return issued;
    }
}
