package dev.inferplan.pricing;

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
 * The price book's REST API under {@code /api}: every resource requires a bearer token (MicroProfile JWT).
 * Mounted below {@code /api} rather than at the root so that Helidon's own endpoints (health, metrics,
 * OpenAPI) are not routed into Jersey (Helidon 4 routes a root JAX-RS application before them).
 */
@ApplicationScoped
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT")
@OpenAPIDefinition(
        info = @Info(title = "inferplan pricing-service", version = "0.1.0",
                description = "The normalized price book: offers per purchase option in exact USD, "
                        + "price-book versions and their diffs, imports, FX rates."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class PricingApplication extends Application {
}
