package dev.inferplan.platform.grpc;

import java.util.Set;
import java.util.function.Supplier;

import dev.inferplan.platform.security.BearerTokenVerifier;
import dev.inferplan.platform.security.BearerTokenVerifier.Caller;
import dev.inferplan.platform.security.BearerTokenVerifier.InvalidTokenException;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import dev.inferplan.platform.tracing.Telemetry;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Bearer-token security for gRPC services, with the same {@link BearerTokenVerifier} as the REST side. A gRPC adapter wraps its service definition with
 * {@link #requireAnyRole(String...)}; inside a call, {@link #CALLER} holds who is calling.
 */
@ApplicationScoped
public class GrpcAuthentication {

    /** The verified caller of the current gRPC call. */
    public static final Context.Key<Caller> CALLER = Context.key("inferplan.caller");

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final BearerTokenVerifier verifier;
    private final Supplier<OpenTelemetry> telemetry;

    /** The same verifier as the REST side's {@code BearerTokenFilter} (one policy, issue 11 §5). */
    @Inject
    public GrpcAuthentication(BearerTokenVerifier verifier) {
        this(verifier, Telemetry::current);
    }

    public GrpcAuthentication(BearerTokenVerifier verifier, Supplier<OpenTelemetry> telemetry) {
        this.verifier = verifier;
        this.telemetry = telemetry;
        requireFixedMetadataCopy();
    }

    /**
     * Helidon 4.1's own GrpcHeadersUtil loses every header value (docs/decisions/0003); ours must
     * be the one loaded, or no token could be read and every call would be refused.
     */
    static void requireFixedMetadataCopy() {
        try {
            Class<?> loaded = Class.forName("io.helidon.webserver.grpc.GrpcHeadersUtil");
            if (loaded.getProtectionDomain().getCodeSource() == null
                    || GrpcAuthentication.class.getProtectionDomain().getCodeSource() == null
                    || !loaded.getProtectionDomain().getCodeSource().getLocation()
                    .equals(GrpcAuthentication.class.getProtectionDomain().getCodeSource().getLocation())) {
                throw new IllegalStateException("io.helidon.webserver.grpc.GrpcHeadersUtil was loaded from "
                        + loaded.getProtectionDomain().getCodeSource()
                        + ", not from the platform module: gRPC metadata values would be lost. "
                        + "Put the platform dependency before helidon-webserver-grpc on the class path.");
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("helidon-webserver-grpc is missing", e);
        }
    }

    /**
     * An interceptor that admits only callers holding one of the roles. It also traces every call
     * (refusals included) as a child of the caller's span ({@link GrpcTracing#server}): every gRPC
     * service passes through here, so no adapter can forget it.
     */
    public ServerInterceptor requireAnyRole(String... roles) {
        ServerInterceptor authorization = authorization(Set.of(roles));
        ServerInterceptor tracing = GrpcTracing.server(telemetry);
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                return tracing.interceptCall(call, headers, (traced, same) -> authorization.interceptCall(traced, same, next));
            }
        };
    }

    private ServerInterceptor authorization(Set<String> allowed) {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> serverCall, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                ServerCall<Q, R> call = new HeadersBeforeClose<>(serverCall);
                String authorization = headers.get(AUTHORIZATION);
                if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                    return refuse(call, Status.UNAUTHENTICATED.withDescription("a bearer token is required"));
                }
                Caller caller;
                try {
                    caller = verifier.verify(authorization.substring(7).trim());
                } catch (InvalidTokenException e) {
                    return refuse(call, Status.UNAUTHENTICATED.withDescription(e.getMessage()));
                }
                if (!caller.hasAnyRole(allowed)) {
                    return refuse(call, Status.PERMISSION_DENIED.withDescription(
                            "none of the caller's roles " + caller.roles() + " may call this; needs one of " + allowed));
                }
                return Contexts.interceptCall(Context.current().withValue(CALLER, caller), call, headers, next);
            }
        };
    }

    /**
     * Sends (empty) headers before a close that had none (a refusal, or an error before the first message):
     * Helidon 4.1 would otherwise send a trailers-only frame without ':status', which clients read
     * as a protocol error (INTERNAL) instead of the real status (docs/decisions/0003).
     */
    static final class HeadersBeforeClose<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        private boolean headersSent;

        HeadersBeforeClose(ServerCall<Q, R> delegate) {
            super(delegate);
        }

        @Override
        public void sendHeaders(Metadata headers) {
            headersSent = true;
            super.sendHeaders(headers);
        }

        @Override
        public void close(Status status, Metadata trailers) {
            if (!headersSent) {
                sendHeaders(new Metadata());
            }
            super.close(status, trailers);
        }
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
