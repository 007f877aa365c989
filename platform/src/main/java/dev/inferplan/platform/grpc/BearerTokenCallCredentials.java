package dev.inferplan.platform.grpc;

import java.util.function.Supplier;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;

/**
 * Puts a bearer token on every outgoing gRPC call: the caller's own token when a service calls
 * another on a user's behalf, so the callee authorizes the user, not the calling service.
 */
public final class BearerTokenCallCredentials implements ClientInterceptor {

    private final Supplier<String> token;

    public BearerTokenCallCredentials(Supplier<String> token) {
        this.token = token;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                String value = token.get();
                if (value != null && !value.isBlank()) {
                    headers.put(GrpcAuthentication.AUTHORIZATION, "Bearer " + value);
                }
                super.start(listener, headers);
            }
        };
    }
}
