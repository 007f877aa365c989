package dev.inferplan.platform.grpc;

import java.net.URI;
import java.util.function.Supplier;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.helidon.webclient.grpc.GrpcClient;

/**
 * Channels to another service's gRPC endpoint (served on its HTTP port, HTTP/2). Every channel
 * carries a bearer token; the client adapter of each remote service builds its stubs on one.
 */
public final class GrpcChannels {

    private GrpcChannels() {
    }

    public static Channel open(URI baseUri, Supplier<String> bearerToken) {
        Channel channel = GrpcClient.builder().baseUri(baseUri).build().channel();
        return ClientInterceptors.intercept(channel, new BearerTokenCallCredentials(bearerToken));
    }
}
