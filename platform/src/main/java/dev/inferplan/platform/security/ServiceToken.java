package dev.inferplan.platform.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A service's own token for calls no user makes (the catalog's drift watch reading pricing's event
 * log, the recommender warming its snapshot): the configured one (a secret in production, role viewer
 * is enough), else, in the local suite, one issued from the suite's key pair and renewed well before it
 * expires; null when there is neither.
 */
public final class ServiceToken implements Supplier<String> {

    private static final Duration VALID_FOR = Duration.ofHours(12);
    private static final Duration RENEW_AFTER = Duration.ofHours(1);

    private final Optional<String> configured;
    private final Path keyDirectory;
    private final String issuer;
    private final String subject;
    private final List<String> roles;
    private final Map<String, String> claims;
    private String issued;
    private Instant issuedAt = Instant.EPOCH;

    /** {@code subject}: the service the issued token names, with role viewer. */
    public ServiceToken(Optional<String> configured, Path keyDirectory, String issuer, String subject) {
        this(configured, keyDirectory, issuer, subject, List.of(Roles.VIEWER), Map.of());
    }

    /** A token issued locally with these roles and extra claims (a runner's: role runner and its pool). */
    public ServiceToken(Optional<String> configured, Path keyDirectory, String issuer, String subject,
                        List<String> roles, Map<String, String> claims) {
        this.configured = configured.filter(t -> !t.isBlank());
        this.keyDirectory = keyDirectory;
        this.issuer = issuer;
        this.subject = subject;
        this.roles = List.copyOf(roles);
        this.claims = Map.copyOf(claims);
    }

    /** Where the token comes from, for a status page; {@code variable} is the setting that configures it. */
    public String source(String variable) {
        if (configured.isPresent()) {
            return "configured token";
        }
        return Files.isReadable(keyDirectory.resolve(KeyFiles.PRIVATE_KEY_FILE))
                ? "issued from the local key pair in " + keyDirectory
                : "none (set " + variable + ")";
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
            issued = LocalTokenIssuer.fromKeyDirectory(keyDirectory, issuer).issue(subject, roles, VALID_FOR, claims);
            issuedAt = Instant.now();
        }
        return issued;
    }
}
