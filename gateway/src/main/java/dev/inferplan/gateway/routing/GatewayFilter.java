package dev.inferplan.gateway.routing;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.inferplan.gateway.access.BodyLimit;
import dev.inferplan.gateway.access.RateLimiter;
import dev.inferplan.gateway.headers.Correlation;
import dev.inferplan.gateway.headers.ResponseHeaders;
import dev.inferplan.gateway.routing.UpstreamFailures.Failure;
import dev.inferplan.gateway.upstreams.ServiceDirectory;
import dev.inferplan.gateway.upstreams.ServiceDirectory.Service;
import dev.inferplan.platform.logging.TraceLogFormatter;
import dev.inferplan.platform.requests.RequestIdFilter;
import dev.inferplan.platform.security.BearerTokenVerifier;
import dev.inferplan.platform.security.BearerTokenVerifier.Caller;
import dev.inferplan.platform.security.BearerTokenVerifier.InvalidTokenException;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.logging.common.HelidonMdc;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * The gateway's one pass over every request, in this order: request id and trace context, response
 * headers (security, CORS), then for anything under {@code /api/}: a verified identity (401), the
 * caller's rate limit (429), the size limit (413), and for a service's prefix the forwarded call (the
 * gateway's own {@code /api/gateway} goes on to JAX-RS, where MicroProfile JWT checks the roles). An answer
 * whose service fails after its status was sent closes the caller's connection (Helidon closes it on
 * {@link CloseConnectionException} without ending the body), logged and counted.
 * Everything else (health, metrics, {@code /openapi}, {@code /docs}, the dashboard's files) is public.
 */
final class GatewayFilter implements Filter {

    private static final Logger LOG = Logger.getLogger("dev.inferplan.requests");
    private static final io.helidon.http.HeaderName REQUEST_ID = HeaderNames.create(RequestIdFilter.HEADER);

    private final ServiceDirectory directory;
    private final BearerTokenVerifier verifier;
    private final RateLimiter rateLimiter;
    private final BodyLimit bodyLimit;
    private final ResponseHeaders responseHeaders;
    private final UpstreamProxy proxy;
    private final UpstreamFailures failures;

    GatewayFilter(ServiceDirectory directory, BearerTokenVerifier verifier, RateLimiter rateLimiter, BodyLimit bodyLimit,
                  ResponseHeaders responseHeaders, UpstreamProxy proxy, UpstreamFailures failures) {
        this.directory = directory;
        this.verifier = verifier;
        this.rateLimiter = rateLimiter;
        this.bodyLimit = bodyLimit;
        this.responseHeaders = responseHeaders;
        this.proxy = proxy;
        this.failures = failures;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        Correlation correlation = Correlation.of(request.headers().first(REQUEST_ID).orElse(null),
                request.headers().first(HeaderNames.create(Correlation.TRACEPARENT)).orElse(null),
                request.headers().first(HeaderNames.create(Correlation.TRACESTATE)).orElse(null));
        // every log line written while the request is handled carries them (platform's TraceLogFormatter)
        HelidonMdc.set(TraceLogFormatter.REQUEST_ID, correlation.requestId());
        HelidonMdc.set(TraceLogFormatter.TRACE_ID, correlation.traceId());
        try {
            handle(chain, request, response, correlation);
        } finally {
            HelidonMdc.remove(TraceLogFormatter.REQUEST_ID);
            HelidonMdc.remove(TraceLogFormatter.TRACE_ID);
        }
    }

    private void handle(FilterChain chain, RoutingRequest request, RoutingResponse response, Correlation correlation) {
        // the gateway's own JAX-RS resources (platform's RequestIdFilter) see the id the caller gets back
        request.header(HeaderValues.create(REQUEST_ID, correlation.requestId()));
        response.header(RequestIdFilter.HEADER, correlation.requestId());
        responseHeaders.addTo(response);
        Optional<String> origin = responseHeaders.allowedOrigin(request);
        boolean preflight = responseHeaders.isPreflight(request);
        origin.ifPresent(o -> responseHeaders.addCors(response, o, preflight));
        if (preflight && origin.isPresent()) {
            response.status(204).send();
            return;
        }

        String path = request.prologue().uriPath().rawPath();
        if (!path.startsWith("/api/")) {
            chain.proceed();
            return;
        }
        Optional<Service> service = directory.serviceFor(path);
        if (admitted(path, request, response)) {
            if (service.isPresent()) {
                try {
                    forward(service.get(), path, request, response, correlation);
                } catch (UpstreamProxy.AnswerCut e) {
                    failures.count(e.service(), Failure.CUT);
                    log(Level.WARNING, correlation, request, path, service.get(), e.status() + " cut: " + e.getMessage());
                    throw new CloseConnectionException(e.getMessage(), e);
                } catch (UpstreamProxy.CallerLeft e) {
                    log(Level.INFO, correlation, request, path, service.get(), response.status().code() + " "
                            + e.getMessage());
                    throw new CloseConnectionException(e.getMessage(), e);
                }
            } else {
                chain.proceed();
            }
        }
        service.ifPresent(s -> log(Level.INFO, correlation, request, path, s, Integer.toString(response.status().code())));
    }

    private static void log(Level level, Correlation correlation, RoutingRequest request, String path, Service service,
                            String outcome) {
        if (LOG.isLoggable(level)) {
            LOG.log(level, "request x-request-id=" + correlation.requestId() + " trace-id=" + correlation.traceId() + " "
                    + request.prologue().method().text() + " " + path + " -> " + service.name() + " " + outcome);
        }
    }

    /** A verified caller within its rate and the size limit; otherwise the refusal is sent and false returned. */
    private boolean admitted(String path, RoutingRequest request, RoutingResponse response) {
        Caller caller;
        try {
            caller = authenticate(request);
        } catch (InvalidTokenException e) {
            response.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            ProblemAnswers.send(response, ProblemAnswers.problem("unauthenticated", "Unauthorized", 401,
                    "The bearer token is not accepted: " + e.getMessage() + "."));
            return false;
        }
        if (caller == null) {
            response.header("WWW-Authenticate", "Bearer");
            ProblemAnswers.send(response, ProblemAnswers.problem("unauthenticated", "Unauthorized", 401,
                    "A bearer token is required (Authorization: Bearer <token>)."));
            return false;
        }
        OptionalLong wait = rateLimiter.admit(caller.user(), caller.roles());
        if (wait.isPresent()) {
            response.header("Retry-After", Long.toString(wait.getAsLong()));
            ProblemAnswers.send(response, ProblemAnswers.problem("rate-limited", "Too Many Requests", 429,
                    "Too many requests from " + caller.user() + "; try again in " + wait.getAsLong() + " s."));
            return false;
        }
        if (bodyLimit.appliesTo(path) && request.headers().contentLength().orElse(0) > bodyLimit.maxBytes()) {
            tooLarge(response);
            return false;
        }
        return true;
    }

    private void forward(Service service, String path, RoutingRequest request, RoutingResponse response,
                         Correlation correlation) {
        boolean limited = bodyLimit.appliesTo(path);
        UnaryOperator<java.io.InputStream> body = limited ? bodyLimit::counting : UnaryOperator.identity();
        try {
            proxy.forward(service, request, response, correlation, body, !limited);
        } catch (UpstreamProxy.RequestTooLarge e) {
            tooLarge(response);
        } catch (UpstreamProxy.UpstreamUnavailable e) {
            failures.count(e.service(), e.failure());
            ProblemAnswers.send(response, ProblemAnswers.problem(e.status() == 504 ? "upstream-timeout" : "upstream-unavailable",
                    e.status() == 504 ? "Gateway Timeout" : "Bad Gateway", e.status(), e.getMessage() + "."));
        }
    }

    private Caller authenticate(RoutingRequest request) {
        Optional<String> authorization = request.headers().first(HeaderNames.AUTHORIZATION);
        if (authorization.isEmpty() || !authorization.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return verifier.verify(authorization.get().substring(7).trim());
    }

    private void tooLarge(RoutingResponse response) {
        response.header("Connection", "close");
        ProblemAnswers.send(response, ProblemAnswers.problem("request-too-large", "Content Too Large", 413,
                "The request body is larger than the gateway's limit of " + bodyLimit.maxBytes() + " bytes."));
    }
}
