package io.helidon.webserver.grpc;

import java.util.Base64;

import io.helidon.http.HeaderNames;
import io.helidon.http.WritableHeaders;
import io.helidon.http.http2.Http2Headers;

import io.grpc.Metadata;

/**
 * Replaces Helidon 4.1.6's class of the same name (see docs/decisions/0003-grpc-metadata-values.md).
 *
 * <p>Helidon 4.1.6 (and 4.1.7, 4.2.0) build a gRPC call's {@link Metadata} from the HTTP/2
 * headers with each header's <em>name</em> as its value, so {@code authorization} arrives as
 * {@code "Authorization"} and no bearer token can ever be read on the server. This class keeps
 * the same package, name and signatures and copies the values. The platform jar precedes
 * {@code helidon-webserver-grpc} on every service's class path, so this one is loaded;
 * {@code dev.inferplan.platform.grpc.GrpcAuthentication} refuses to start if it is not.
 */
final class GrpcHeadersUtil {

    private GrpcHeadersUtil() {
    }

    /** Response side: metadata (headers or trailers) into HTTP/2 headers; binary values base64-encoded. */
    static void updateHeaders(WritableHeaders<?> headers, Metadata metadata) {
        Base64.Encoder encoder = Base64.getEncoder();
        for (String name : metadata.keys()) {
            if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                Iterable<byte[]> values = metadata.getAll(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER));
                if (values != null) {
                    for (byte[] value : values) {
                        headers.add(HeaderNames.create(name), encoder.encodeToString(value));
                    }
                }
            } else {
                Iterable<String> values = metadata.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
                if (values != null) {
                    for (String value : values) {
                        headers.add(HeaderNames.create(name), value);
                    }
                }
            }
        }
    }

    /** Request side: HTTP/2 headers into metadata, with their values; binary ones base64-decoded. */
    static Metadata toMetadata(Http2Headers headers) {
        Base64.Decoder decoder = Base64.getDecoder();
        Metadata metadata = new Metadata();
        headers.httpHeaders().forEach(header -> {
            String name = header.name();
            for (String value : header.allValues()) {
                if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                    metadata.put(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER), decoder.decode(value));
                } else {
                    metadata.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value);
                }
            }
        });
        return metadata;
    }
}
