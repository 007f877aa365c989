package dev.inferplan.platform.security;

import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.helidon.common.Errors;
import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.JwkKeys;
import io.helidon.security.jwt.jwk.JwkRSA;
import jakarta.json.JsonValue;

/**
 * The one check of a bearer token, for REST ({@link BearerTokenFilter}) and gRPC
 * ({@code GrpcAuthentication}) alike (issue 11 §5): RS256 signed by the configured key, no critical
 * header parameter (RFC 7515 §4.1.11: we understand none), the configured issuer, {@code exp} and
 * {@code iat} present, not expired, not before {@code nbf}, not issued in the future, valid for no longer
 * than the maximum lifetime ({@code exp - iat}), no older than the maximum age where one is set, and
 * naming a user. Time checks allow the clock skew either way.
 */
public final class BearerTokenVerifier {

    private final JwkRSA verificationKey;
    private final String issuer;
    private final Limits limits;
    private final Clock clock;

    public BearerTokenVerifier(RSAPublicKey publicKey, String issuer, Limits limits, Clock clock) {
        this.verificationKey = JwkRSA.builder().publicKey(publicKey).algorithm(JwkRSA.ALG_RS256).build();
        this.issuer = issuer;
        this.limits = limits;
        this.clock = clock;
    }

    /** With the default limits and the system clock. */
    public BearerTokenVerifier(RSAPublicKey publicKey, String issuer) {
        this(publicKey, issuer, Limits.DEFAULT, Clock.systemUTC());
    }

    /**
     * How far a token's times are trusted. {@code clockSkew}: allowed either way on every time check
     * ({@code mp.jwt.verify.clock.skew}); {@code maxLifetime}: the longest {@code exp - iat} accepted
     * ({@code inferplan.security.token.max-lifetime-seconds}); {@code maxAge}: the oldest {@code iat}
     * accepted, if set ({@code mp.jwt.verify.token.age}).
     */
    public record Limits(Duration clockSkew, Duration maxLifetime, Optional<Duration> maxAge) {

        /** MicroProfile JWT's own skew in Helidon (5 s), tokens of up to a day, no age limit. */
        public static final Limits DEFAULT = new Limits(Duration.ofSeconds(5), Duration.ofHours(24), Optional.empty());

        public Limits {
            if (clockSkew.isNegative() || !maxLifetime.isPositive() || maxAge.map(Duration::isNegative).orElse(false)) {
                throw new IllegalArgumentException("token limits must be positive: " + clockSkew + ", " + maxLifetime
                        + ", " + maxAge);
            }
        }
    }

    /** The longest user name a token may carry: the services' actor columns hold 128 characters. */
    public static final int MAX_USER_LENGTH = 128;

    /** The caller a valid token names, or {@link InvalidTokenException} saying why it is not valid. */
    public Caller verify(String token) {
        SignedJwt signed;
        try {
            signed = SignedJwt.parseToken(token);
        } catch (RuntimeException e) {
            // JwtException, IllegalArgumentException, Errors.ErrorMessagesException ("not.a.jwt"), JsonException
            throw new InvalidTokenException("malformed token");
        }
        Jwt jwt = signed.getJwt();
        String algorithm = jwt.algorithm().orElse("none");
        // Only what we sign with: rejects alg=none and algorithm-confusion tokens (HS256 with the public key).
        if (!JwkRSA.ALG_RS256.equals(algorithm)) {
            throw new InvalidTokenException("token algorithm " + algorithm + " is not accepted");
        }
        Optional<JsonValue> critical = jwt.headerClaim("crit");
        if (critical.isPresent()) {
            throw new InvalidTokenException("token has critical header parameters (crit), none of which is understood here");
        }
        Errors signature = signed.verifySignature(JwkKeys.builder().build(), verificationKey);
        if (!signature.isValid()) {
            throw new InvalidTokenException("token signature is not valid");
        }
        if (!jwt.issuer().map(issuer::equals).orElse(false)) {
            throw new InvalidTokenException("token is from another issuer");
        }
        checkTimes(jwt);
        String user = jwt.userPrincipal().or(jwt::preferredUsername).or(jwt::subject)
                .orElseThrow(() -> new InvalidTokenException("token names no user (upn, preferred_username or sub)"));
        // Every service records the user as the actor of what it changes (VARCHAR(128) columns): a longer
        // name could never be recorded, so the token is refused before any write could fail on it.
        if (user.length() > MAX_USER_LENGTH) {
            throw new InvalidTokenException("token's user name is longer than " + MAX_USER_LENGTH + " characters");
        }
        Set<String> roles = Set.copyOf(jwt.userGroups().orElse(List.of()));
        return new Caller(user, roles, token);
    }

    private void checkTimes(Jwt jwt) {
        Instant now = clock.instant();
        Duration skew = limits.clockSkew();
        Instant expires = jwt.expirationTime()
                .orElseThrow(() -> new InvalidTokenException("token has no expiration time (exp)"));
        Instant issued = jwt.issueTime()
                .orElseThrow(() -> new InvalidTokenException("token has no issue time (iat)"));
        if (now.isAfter(expires.plus(skew))) {
            throw new InvalidTokenException("token is expired");
        }
        if (jwt.notBefore().map(notBefore -> now.plus(skew).isBefore(notBefore)).orElse(false)) {
            throw new InvalidTokenException("token is not valid yet (nbf)");
        }
        if (now.plus(skew).isBefore(issued)) {
            throw new InvalidTokenException("token is issued in the future (iat)");
        }
        if (Duration.between(issued, expires).compareTo(limits.maxLifetime()) > 0) {
            throw new InvalidTokenException("token is valid for longer than the " + limits.maxLifetime().toSeconds()
                    + " s this service accepts (exp - iat)");
        }
        if (limits.maxAge().map(age -> now.isAfter(issued.plus(age).plus(skew))).orElse(false)) {
            throw new InvalidTokenException("token is older than the " + limits.maxAge().orElseThrow().toSeconds()
                    + " s this service accepts (iat)");
        }
    }

    /** A verified caller: who, with which roles, and the raw token to pass on downstream. */
    public record Caller(String user, Set<String> roles, String rawToken) {

        public boolean hasAnyRole(Set<String> allowed) {
            return roles.stream().anyMatch(allowed::contains);
        }
    }

    public static final class InvalidTokenException extends RuntimeException {
        public InvalidTokenException(String message) {
            super(message);
        }
    }
}
