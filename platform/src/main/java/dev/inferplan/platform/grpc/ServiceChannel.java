package dev.inferplan.platform.grpc;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import dev.inferplan.platform.tracing.Telemetry;
import io.opentelemetry.api.OpenTelemetry;

/**
 * A channel to another service's gRPC endpoint (served on its HTTP port over HTTP/2: plaintext
 * for {@code http:} URIs, TLS for {@code https:}). Every call carries a bearer token and the trace
 * context ({@link GrpcTracing}); the client
 * adapter of each remote service builds its stubs on one and closes it on shutdown.
 */
public final class ServiceChannel implements AutoCloseable {

    private final ManagedChannel managed;
    private final Channel channel;

    private ServiceChannel(ManagedChannel managed, Channel channel) {
        this.managed = managed;
        this.channel = channel;
    }

    public static ServiceChannel open(URI baseUri, Supplier<String> bearerToken) {
        return open(baseUri, bearerToken, Telemetry::current);
    }

    public static ServiceChannel open(URI baseUri, Supplier<String> bearerToken, Supplier<OpenTelemetry> telemetry) {
        ChannelCredentials credentials = "https".equalsIgnoreCase(baseUri.getScheme())
                ? TlsChannelCredentials.create()
                : InsecureChannelCredentials.create();
        int port = baseUri.getPort() > 0 ? baseUri.getPort() : ("https".equalsIgnoreCase(baseUri.getScheme()) ? 443 : 80);
        ManagedChannel managed = Grpc.newChannelBuilderForAddress(baseUri.getHost(), port, credentials).build();
        return new ServiceChannel(managed, ClientInterceptors.intercept(managed, new BearerTokenCallCredentials(bearerToken), GrpcTracing.client(telemetry)));
    }

    public Channel channel() {
        return channel;
    }

    /**
     * After a failed call: the next call connects at once instead of waiting out grpc-java's
     * reconnect back-off (up to two minutes), so a service that is back is seen on the next try.
     */
    public void resetConnectBackoff() {
        managed.resetConnectBackoff();
    }

    @Override
    public void close() {
        managed.shutdown();
        try {
            if (!managed.awaitTermination(5, TimeUnit.SECONDS)) {
                managed.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            managed.shutdownNow();
        }
    }
}
