package dev.inferplan.platform.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The raw bearer token of the REST caller, for passing on to the services this request calls,
 * so that each of them authorizes the user and not the calling service.
 */
@RequestScoped
public class CallerToken {

    private final JsonWebToken jwt;

    @Inject
    public CallerToken(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    /** The token as received, or null outside an authenticated request. */
    public String raw() {
        return jwt == null ? null : jwt.getRawToken();
    }
}
