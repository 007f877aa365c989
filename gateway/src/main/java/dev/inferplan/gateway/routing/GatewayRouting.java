package dev.inferplan.gateway.routing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.inferplan.gateway.access.BodyLimit;
import dev.inferplan.gateway.access.RateLimit;
import dev.inferplan.gateway.access.RateLimiter;
import dev.inferplan.gateway.headers.ResponseHeaders;
import dev.inferplan.gateway.openapi.PublishedDocument;
import dev.inferplan.gateway.upstreams.ServiceDirectory;
import dev.inferplan.platform.security.BearerTokenVerifier;
import dev.inferplan.platform.security.Roles;

import io.helidon.common.Weighted;
import io.helidon.microprofile.server.ServerCdiExtension;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.staticcontent.StaticContentService;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.MetricRegistry;

import static jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER;

/**
 * Puts the {@link GatewayFilter} in front of every route of the server before it starts, from config:
 * the services' addresses ({@code inferplan.services.*}), timeouts, limits, CORS.
 */
@ApplicationScoped
public class GatewayRouting {

    private final GatewayFilter filter;

    @Inject
    public GatewayRouting(ServiceDirectory directory, BearerTokenVerifier verifier, Config config, MetricRegistry metrics) {
        Map<String, RateLimit> perRole = new HashMap<>();
        for (String role : Roles.ALL) {
            Optional.ofNullable(rateLimit(config, role)).ifPresent(limit -> perRole.put(role, limit));
        }
        RateLimit fallback = rateLimit(config, "default");
        this.filter = new GatewayFilter(directory, verifier,
                new RateLimiter(perRole, fallback, System::nanoTime),
                new BodyLimit(config.getValue("gateway.max-request-bytes", Long.class),
                        config.getOptionalValues("gateway.unlimited-body-paths", String.class).orElse(List.of())),
                new ResponseHeaders(config.getOptionalValues("gateway.cors.allowed-origins", String.class).orElse(List.of())),
                new UpstreamProxy(millis(config, "gateway.proxy.connect-timeout-ms"), millis(config, "gateway.proxy.timeout-ms"),
                        millis(config, "gateway.proxy.upload-timeout-ms")),
                new UpstreamFailures(metrics));
    }

    /** For CDI's proxy. */
    protected GatewayRouting() {
        this.filter = null;
    }

    private static RateLimit rateLimit(Config config, String role) {
        String key = "gateway.rate-limit." + role;
        Optional<Double> perSecond = config.getOptionalValue(key + ".per-second", Double.class);
        Optional<Integer> burst = config.getOptionalValue(key + ".burst", Integer.class);
        if (perSecond.isEmpty() && burst.isEmpty()) {
            return "default".equals(role) ? new RateLimit(10, 20) : null;
        }
        return new RateLimit(perSecond.orElse(10.0), burst.orElse(20));
    }

    private static Duration millis(Config config, String key) {
        return Duration.ofMillis(config.getValue(key, Long.class));
    }

    void beforeTheServerStarts(@Observes @Priority(PLATFORM_AFTER + 60) @Initialized(ApplicationScoped.class) Object event,
                               BeanManager beans) {
        beans.getExtension(ServerCdiExtension.class).serverRoutingBuilder().addFeature(new Feature(filter));
    }

    /** After the platform's target check (2000) and Helidon's context (1100): requests reaching it are well-formed. */
    private record Feature(GatewayFilter filter) implements HttpFeature, Weighted {
        @Override
        public void setup(HttpRouting.Builder routing) {
            routing.addFilter(filter);
            routing.register("/openapi", new PublishedDocument());
            // Swagger UI over /openapi (web/docs/); the static handler serves a welcome file at / only
            routing.get("/docs", (request, response) -> response.status(302).header("Location", "/docs/index.html").send());
            routing.get("/docs/", (request, response) -> response.status(302).header("Location", "/docs/index.html").send());
            // front-end libraries from webjars, served from the jar (never a CDN: the CSP allows 'self' only)
            routing.register("/webjars", StaticContentService.builder("META-INF/resources/webjars").build());
        }

        @Override
        public double weight() {
            return 1050;
        }
    }
}
