package dev.inferplan.catalog;

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
 * The catalog's REST API under {@code /api}: every resource requires a bearer token (MicroProfile JWT).
 * Mounted below {@code /api} rather than at the root so that Helidon's own endpoints (health, metrics,
 * OpenAPI) are not routed into Jersey (Helidon 4 routes a root JAX-RS application before them).
 */
@ApplicationScoped
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT")
@OpenAPIDefinition(
        info = @Info(title = "inferplan catalog-service", version = "0.1.0",
                description = "Model families and versions, quality metrics with provenance, tiers, "
                        + "the review workflow and its audit log, hardware pools, benchmark jobs and results."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class CatalogApplication extends Application {
}
