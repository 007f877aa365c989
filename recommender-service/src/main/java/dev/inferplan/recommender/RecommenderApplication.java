package dev.inferplan.recommender;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The recommender's REST API under {@code /api}: every resource requires a bearer token (MicroProfile JWT).
 * Mounted below {@code /api} so that Helidon's own endpoints (health, metrics, OpenAPI) stay
 * outside Jersey.
 */
@ApplicationScoped
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT")
@OpenAPIDefinition(
        info = @Info(title = "inferplan recommender-service", version = "0.1.0",
                description = "Ranked, explained deployment plans: which model, on which hardware, bought how."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class RecommenderApplication extends Application {
}
