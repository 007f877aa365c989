package dev.inferplan.platform.problem;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import io.helidon.common.Weighted;
import io.helidon.common.uri.UriValidationException;
import io.helidon.common.uri.UriValidator;
import io.helidon.http.HeaderNames;
import io.helidon.microprofile.server.ServerCdiExtension;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;

import static jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER;

/**
 * Makes Helidon's own HTTP layer answer like the rest of the service (ADR 0009), before the server
 * starts: {@link HttpLayerProblems} as the direct handler of every event, and {@link #TARGET_CHECK} in
 * place of Helidon 4.1.6's query validation, which refuses the {@code :} that RFC 3986 allows in a
 * query ({@code asOf=2026-12-03T07:00:00Z}) and is switched off by {@link HttpLayerDefaults}.
 *
 * <p>Helidon MP 4.1.6 offers no public way to set direct handlers: the server builder is reached
 * through {@code ServerCdiExtension.serverBuilder()}, which is package-private. A Helidon upgrade that
 * removes it fails the start-up here, loudly; {@code ServiceContract} checks the answers on every service.
 */
public class HttpLayerExtension implements Extension {

    /**
     * The request target in origin form (a path from '/'; Helidon's security filter fails with a 500 on
     * any other), a Content-Length that is a number, and RFC 3986 for the query and fragment: Helidon's
     * validator with the colon it wrongly refuses escaped.
     */
    static final Filter TARGET_CHECK = HttpLayerExtension::checkTarget;

    private void beforeTheServerStarts(@Observes @Priority(PLATFORM_AFTER + 50) @Initialized(ApplicationScoped.class)
                                       Object event, BeanManager beans) {
        ServerCdiExtension server = beans.getExtension(ServerCdiExtension.class);
        serverBuilder(server).directHandlers(HttpLayerProblems.all());
        // a feature weighing more than Helidon's context (1100) and security (800) features: its filter runs first
        server.serverRoutingBuilder().addFeature(new TargetCheckFeature());
    }

    private static final class TargetCheckFeature implements HttpFeature, Weighted {
        @Override
        public void setup(HttpRouting.Builder routing) {
            routing.addFilter(TARGET_CHECK);
        }

        @Override
        public double weight() {
            return 2000;
        }
    }

    static WebServerConfig.Builder serverBuilder(ServerCdiExtension server) {
        try {
            Method accessor = ServerCdiExtension.class.getDeclaredMethod("serverBuilder");
            accessor.setAccessible(true);
            return (WebServerConfig.Builder) accessor.invoke(server);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException | ClassCastException e) {
            throw new DeploymentException("Helidon's ServerCdiExtension.serverBuilder() is not there any more: HTTP-layer"
                    + " errors would be text/plain echoing the request. Find the new way to set direct handlers (ADR 0009).", e);
        }
    }

    private static void checkTarget(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        try {
            String path = request.prologue().uriPath().rawPath();
            if (!path.startsWith("/")) {
                throw HttpLayerProblems.notOriginForm();
            }
            // Helidon 4.1.6 takes a negative Content-Length and then waits for a body that never ends
            if (request.headers().first(HeaderNames.CONTENT_LENGTH).map(length -> !length.matches("[0-9]{1,18}"))
                    .orElse(false)) {
                throw HttpLayerProblems.badContentLength();
            }
            String query = request.prologue().query().rawValue();
            if (!query.isEmpty()) {
                UriValidator.validateQuery(query.replace(":", "%3A"));
            }
            if (request.prologue().fragment().hasValue()) {
                UriValidator.validateFragment(request.prologue().fragment().rawValue());
            }
        } catch (UriValidationException e) {
            throw HttpLayerProblems.invalidTarget(e);
        }
        chain.proceed();
    }
}
