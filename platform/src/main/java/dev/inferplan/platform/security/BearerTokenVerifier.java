package dev.inferplan.platform.security;

import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.helidon.common.Errors;
import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.JwtException;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.Validator;
import io.helidon.security.jwt.jwk.JwkKeys;
import io.helidon.security.jwt.jwk.JwkRSA;

/**
 * Verifies a bearer token the way the REST side's MicroProfile JWT does (same key, same issuer,
 * RS256 only, time claims checked), for calls that do not pass through JAX-RS: gRPC.
 */
public final class BearerTokenVerifier {

    private final JwkRSA verificationKey;
    private final String issuer;

    public BearerTokenVerifier(RSAPublicKey publicKey, String issuer) {
        this.verificationKey = JwkRSA.builder().publicKey(publicKey).algorithm(JwkRSA.ALG_RS256).build();
        this.issuer = issuer;
    }

    /** The caller a valid token names, or {@link InvalidTokenException} saying why it is not valid. */
    public Caller verify(String token) {
        SignedJwt signed;
        try {
            signed = SignedJwt.parseToken(token);
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidTokenException("malformed token");
        }
        String algorithm = signed.getJwt().algorithm().orElse("none");
        // Only what we sign with: rejects alg=none and algorithm-confusion tokens (HS256 with the public key).
        if (!JwkRSA.ALG_RS256.equals(algorithm)) {
            throw new InvalidTokenException("token algorithm " + algorithm + " is not accepted");
        }
        Errors signature = signed.verifySignature(JwkKeys.builder().build(), verificationKey);
        if (!signature.isValid()) {
            throw new InvalidTokenException("token signature is not valid");
        }
        Jwt jwt = signed.getJwt();
        List<Validator<Jwt>> validators = new ArrayList<>(Jwt.defaultTimeValidators());
        Jwt.addIssuerValidator(validators, issuer, true);
        Errors claims = jwt.validate(validators);
        if (!claims.isValid()) {
            throw new InvalidTokenException("token is expired, not yet valid, or from another issuer");
        }
        String user = jwt.userPrincipal().or(jwt::subject).orElse("unknown");
        Set<String> roles = Set.copyOf(jwt.userGroups().orElse(List.of()));
        return new Caller(user, roles, token);
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
