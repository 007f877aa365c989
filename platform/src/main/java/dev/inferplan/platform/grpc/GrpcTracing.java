package dev.inferplan.platform.grpc;

import java.util.function.Supplier;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * One trace across REST and gRPC: Helidon 4.1.6 neither starts spans for gRPC calls nor carries the
 * W3C trace context in their metadata, so a recommendation's trace stopped at its first gRPC call.
 * The client side ({@link ServiceChannel}) starts a CLIENT span under the current span and writes
 * {@code traceparent} (with whatever else the configured propagators write) into the call's metadata;
 * the server side ({@link GrpcAuthentication#requireAnyRole}) reads it, starts a SERVER span under it,
 * and keeps that span current while the service's code runs, so its own spans are children. Spans
 * follow OpenTelemetry's RPC conventions ({@code rpc.system}, {@code rpc.service}, {@code rpc.method},
 * {@code rpc.grpc.status_code}).
 * The OpenTelemetry instance is the service's ({@link dev.inferplan.platform.tracing.Telemetry}).
 */
public final class GrpcTracing {

    private static final String INSTRUMENTATION = "dev.inferplan.grpc";

    private GrpcTracing() {
    }

    /** Traces outgoing calls as children of the current span. */
    public static ClientInterceptor client(Supplier<OpenTelemetry> telemetry) {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                OpenTelemetry otel = telemetry.get();
                Context parent = Context.current();
                Span span = rpcSpan(otel, method, SpanKind.CLIENT).setParent(parent).startSpan();
                Context context = parent.with(span);
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        otel.getPropagators().getTextMapPropagator().inject(context, headers, METADATA_SETTER);
                        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                            @Override
                            public void onClose(Status status, Metadata trailers) {
                                end(span, status);
                                super.onClose(status, trailers);
                            }
                        }, headers);
                    }
                };
            }
        };
    }

    /** Traces incoming calls as children of the caller's span, when the caller sent one. */
    public static ServerInterceptor server(Supplier<OpenTelemetry> telemetry) {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                OpenTelemetry otel = telemetry.get();
                Context caller = otel.getPropagators().getTextMapPropagator().extract(Context.root(), headers, METADATA_GETTER);
                Span span = rpcSpan(otel, call.getMethodDescriptor(), SpanKind.SERVER).setParent(caller).startSpan();
                Context context = caller.with(span);
                ServerCall<Q, R> traced = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                    @Override
                    public void close(Status status, Metadata trailers) {
                        end(span, status);
                        super.close(status, trailers);
                    }
                };
                ServerCall.Listener<Q> listener;
                try (Scope ignored = context.makeCurrent()) {
                    listener = next.startCall(traced, headers);
                }
                return new CurrentContextListener<>(listener, context);
            }
        };
    }

    private static io.opentelemetry.api.trace.SpanBuilder rpcSpan(OpenTelemetry otel, MethodDescriptor<?, ?> method, SpanKind kind) {
        Tracer tracer = otel.getTracer(INSTRUMENTATION);
        String service = method.getServiceName() == null ? "" : method.getServiceName();
        String name = method.getBareMethodName() == null ? method.getFullMethodName() : method.getBareMethodName();
        return tracer.spanBuilder(service + "/" + name)
                .setSpanKind(kind)
                .setAttribute("rpc.system", "grpc")
                .setAttribute("rpc.service", service)
                .setAttribute("rpc.method", name);
    }

    private static void end(Span span, Status status) {
        span.setAttribute("rpc.grpc.status_code", status.getCode().value());
        if (!status.isOk()) {
            span.setStatus(StatusCode.ERROR, status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription()));
        }
        span.end();
    }

    private static final TextMapSetter<Metadata> METADATA_SETTER = (headers, name, value) -> {
        if (headers != null) {
            Metadata.Key<String> key = Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
            headers.removeAll(key);
            headers.put(key, value);
        }
    };

    private static final TextMapGetter<Metadata> METADATA_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Metadata headers) {
            return headers.keys();
        }

        @Override
        public String get(Metadata headers, String name) {
            if (headers == null || name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                return null;
            }
            return headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
        }
    };

    /** Keeps the call's context current while the service's code runs, whichever thread runs it. */
    private static final class CurrentContextListener<Q> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
        private final Context context;

        CurrentContextListener(ServerCall.Listener<Q> delegate, Context context) {
            super(delegate);
            this.context = context;
        }

        @Override
        public void onMessage(Q message) {
            try (Scope ignored = context.makeCurrent()) {
                super.onMessage(message);
            }
        }

        @Override
        public void onHalfClose() {
            try (Scope ignored = context.makeCurrent()) {
                super.onHalfClose();
            }
        }

        @Override
        public void onCancel() {
            try (Scope ignored = context.makeCurrent()) {
                super.onCancel();
            }
        }

        @Override
        public void onComplete() {
            try (Scope ignored = context.makeCurrent()) {
                super.onComplete();
            }
        }

        @Override
        public void onReady() {
            try (Scope ignored = context.makeCurrent()) {
                super.onReady();
            }
        }
    }
}
