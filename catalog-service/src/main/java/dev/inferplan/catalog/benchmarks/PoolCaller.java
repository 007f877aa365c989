package dev.inferplan.catalog.benchmarks;

import java.util.Optional;

import dev.inferplan.platform.security.Roles;

import io.helidon.security.jwt.JwtException;
import io.helidon.security.jwt.SignedJwt;
import jakarta.json.JsonString;

/**
 * Who registers a hardware pool or leases its jobs: an admin, or a runner, whose token may name its
 * pool in the {@link Roles#POOL_CLAIM} claim. The token has been verified before (MicroProfile JWT on
 * REST, the gRPC interceptor); this only reads the claim from it.
 */
public record PoolCaller(String subject, boolean admin, Optional<String> poolClaim) {

    public static PoolCaller of(String subject, boolean admin, String verifiedToken) {
        return new PoolCaller(subject, admin, poolClaim(verifiedToken));
    }

    /** The claim when it is a non-blank string; any other value names no pool. */
    static Optional<String> poolClaim(String verifiedToken) {
        if (verifiedToken == null) {
            return Optional.empty();
        }
        try {
            return SignedJwt.parseToken(verifiedToken).getJwt().payloadClaim(Roles.POOL_CLAIM)
                    .filter(JsonString.class::isInstance).map(value -> ((JsonString) value).getString())
                    .filter(pool -> !pool.isBlank());
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
