package dev.inferplan.platform.security;

import java.net.URI;
import java.util.List;

import dev.inferplan.platform.problem.Problem;
import dev.inferplan.platform.security.BearerTokenVerifier.InvalidTokenException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Every REST request that carries a bearer token passes {@link BearerTokenVerifier}, the check gRPC
 * calls pass, before MicroProfile JWT sees it: Helidon's MP-JWT alone accepts a token whose
 * {@code nbf} lies ahead, ignores {@code crit} and has no maximum lifetime. MP-JWT still binds the
 * caller and its roles ({@code @RolesAllowed}); a request without a token is left to it (401 where a
 * role is required).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
@ApplicationScoped
public class BearerTokenFilter implements ContainerRequestFilter {

    private final BearerTokenVerifier verifier;

    @Inject
    public BearerTokenFilter(BearerTokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** For CDI's proxy. */
    protected BearerTokenFilter() {
        this.verifier = null;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return;
        }
        try {
            verifier.verify(authorization.substring(7).trim());
        } catch (InvalidTokenException e) {
            request.abortWith(Response.status(401)
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                    .type(Problem.MEDIA_TYPE)
                    .entity(new Problem(URI.create(Problem.TYPE_BASE + "unauthenticated"), "Unauthorized", 401,
                            "The bearer token is not accepted: " + e.getMessage() + ".", null, List.of()))
                    .build());
        }
    }
}
