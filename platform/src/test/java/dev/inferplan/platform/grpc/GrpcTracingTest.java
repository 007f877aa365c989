package dev.inferplan.platform.grpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.inferplan.platform.security.BearerTokenVerifier;
import dev.inferplan.platform.security.KeyFiles;
import dev.inferplan.platform.security.LocalTokenIssuer;
import dev.inferplan.platform.testing.TestKeys;
import dev.inferplan.platform.testing.TestTokens;

import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A real gRPC server and client over a socket, traced by an OpenTelemetry SDK that keeps its spans:
 * the caller's span, the CLIENT span, the SERVER span and a span the service's code starts form one
 * trace with that parentage, and a refused call is traced too.
 */
class GrpcTracingTest {

    private static final MethodDescriptor<String, String> ECHO = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("test.Echo/Say")
            .setRequestMarshaller(new Utf8())
            .setResponseMarshaller(new Utf8())
            .build();

    private final List<SpanData> spans = new CopyOnWriteArrayList<>();
    private OpenTelemetrySdk sdk;
    private Server server;
    private ServiceChannel channel;
    private String token = TestTokens.token("ada", "team");

    @BeforeEach
    void start() throws IOException {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(new Keeping(spans)))
                .build();
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(provider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();

        TestKeys.install();
        GrpcAuthentication authentication = new GrpcAuthentication(new BearerTokenVerifier(
                KeyFiles.readPublicKey(TestKeys.DIRECTORY.resolve(KeyFiles.PUBLIC_KEY_FILE).toString()),
                LocalTokenIssuer.LOCAL_ISSUER), () -> sdk);
        ServerServiceDefinition echo = ServerServiceDefinition.builder("test.Echo")
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, observer) -> {
                    Span work = sdk.getTracer("test").spanBuilder("database work").startSpan();
                    work.end();
                    observer.onNext("hello " + request);
                    observer.onCompleted();
                }))
                .build();
        server = NettyServerBuilder.forPort(0)
                .addService(ServerInterceptors.intercept(echo, authentication.requireAnyRole("team")))
                .build()
                .start();
        channel = ServiceChannel.open(URI.create("http://localhost:" + server.getPort()), () -> token, () -> sdk);
    }

    @AfterEach
    void stop() {
        channel.close();
        server.shutdownNow();
        sdk.close();
    }

    @Test
    void aCallIsOneTraceFromTheCallerToTheServicesOwnSpans() {
        Span caller = sdk.getTracer("test").spanBuilder("recommendation").startSpan();
        try (Scope ignored = caller.makeCurrent()) {
            assertEquals("hello ada", ClientCalls.blockingUnaryCall(channel.channel(), ECHO, io.grpc.CallOptions.DEFAULT, "ada"));
        } finally {
            caller.end();
        }

        SpanData root = named("recommendation");
        SpanData client = named("test.Echo/Say", SpanKind.CLIENT);
        SpanData served = named("test.Echo/Say", SpanKind.SERVER);
        SpanData work = named("database work");
        for (SpanData span : List.of(client, served, work)) {
            assertEquals(root.getTraceId(), span.getTraceId(), span.getName() + " is in the caller's trace");
        }
        assertEquals(root.getSpanId(), client.getParentSpanId());
        assertEquals(client.getSpanId(), served.getParentSpanId());
        assertEquals(served.getSpanId(), work.getParentSpanId());
        assertEquals("grpc", served.getAttributes().asMap().entrySet().stream()
                .filter(e -> e.getKey().getKey().equals("rpc.system")).findFirst().orElseThrow().getValue());
        assertEquals(0L, client.getAttributes().asMap().entrySet().stream()
                .filter(e -> e.getKey().getKey().equals("rpc.grpc.status_code")).findFirst().orElseThrow().getValue());
    }

    @Test
    void aCallWithoutACallerSpanStartsItsOwnTrace() {
        assertEquals("hello bob", ClientCalls.blockingUnaryCall(channel.channel(), ECHO, io.grpc.CallOptions.DEFAULT, "bob"));
        SpanData client = named("test.Echo/Say", SpanKind.CLIENT);
        SpanData served = named("test.Echo/Say", SpanKind.SERVER);
        assertFalse(client.getParentSpanContext().isValid());
        assertEquals(client.getTraceId(), served.getTraceId());
        assertEquals(client.getSpanId(), served.getParentSpanId());
    }

    @Test
    void aRefusedCallIsTracedWithItsStatus() {
        token = TestTokens.token("eve", "viewer");
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel.channel(), ECHO, io.grpc.CallOptions.DEFAULT, "eve"));
        assertEquals(Status.Code.PERMISSION_DENIED, refused.getStatus().getCode());
        SpanData served = named("test.Echo/Say", SpanKind.SERVER);
        assertEquals(io.opentelemetry.api.trace.StatusCode.ERROR, served.getStatus().getStatusCode());
        assertEquals(named("test.Echo/Say", SpanKind.CLIENT).getSpanId(), served.getParentSpanId());
        assertEquals(List.of(), spans.stream().filter(s -> s.getName().equals("database work")).toList());
    }

    private SpanData named(String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans));
    }

    private SpanData named(String name, SpanKind kind) {
        // The server ends its span before the client sees the close: wait for both briefly.
        for (int i = 0; i < 100; i++) {
            var found = spans.stream().filter(s -> s.getName().equals(name) && s.getKind() == kind).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("no " + kind + " span " + name + " in " + spans);
    }

    private record Keeping(List<SpanData> spans) implements SpanExporter {
        @Override
        public CompletableResultCode export(java.util.Collection<SpanData> batch) {
            spans.addAll(batch);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    private static final class Utf8 implements MethodDescriptor.Marshaller<String> {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
