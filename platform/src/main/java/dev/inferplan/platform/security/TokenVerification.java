package dev.inferplan.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's one {@link BearerTokenVerifier}, from the keys MicroProfile JWT reads too (public key,
 * issuer, clock skew, token age) and the maximum lifetime, so REST and gRPC check tokens alike.
 */
@ApplicationScoped
public class TokenVerification {

    @Produces
    @Singleton
    BearerTokenVerifier verifier(@ConfigProperty(name = "mp.jwt.verify.publickey.location") String publicKeyLocation,
                                 @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
                                 @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "5") long clockSkewSeconds,
                                 @ConfigProperty(name = "mp.jwt.verify.token.age") Optional<Long> maxAgeSeconds,
                                 @ConfigProperty(name = "inferplan.security.token.max-lifetime-seconds",
                                         defaultValue = "86400") long maxLifetimeSeconds) {
        return new BearerTokenVerifier(KeyFiles.readPublicKey(publicKeyLocation), issuer,
                new BearerTokenVerifier.Limits(Duration.ofSeconds(clockSkewSeconds), Duration.ofSeconds(maxLifetimeSeconds),
                        maxAgeSeconds.map(Duration::ofSeconds)), Clock.systemUTC());
    }
}
