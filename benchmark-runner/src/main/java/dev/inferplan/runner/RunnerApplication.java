package dev.inferplan.runner;

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
 * The benchmark runner's REST API under {@code /api}: every resource requires a bearer token (MicroProfile JWT).
 * Mounted below {@code /api} so that Helidon's own endpoints (health, metrics, OpenAPI) stay
 * outside Jersey.
 */
@ApplicationScoped
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT")
@OpenAPIDefinition(
        info = @Info(title = "inferplan benchmark-runner", version = "0.1.0",
                description = "Measures ONNX Runtime workloads on this runner's hardware pool."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class RunnerApplication extends Application {
}
