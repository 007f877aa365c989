package dev.inferplan.platform.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * HTTP/1.1 over a plain socket, byte for byte as given: for requests no HTTP client would send (an
 * unencoded {@code :} or {@code {} in a query, a broken request line, a 20 kB header, a gzip body)
 * and the answers the server gives to them. One request per connection.
 */
public final class RawHttp {

    private final String host;
    private final int port;

    public RawHttp(URI server) {
        this.host = server.getHost();
        this.port = server.getPort();
    }

    /** A request line, headers (Host and Connection: close are added) and an optional body. */
    public Answer send(String method, String target, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null && headers.keySet().stream().noneMatch(n -> n.equalsIgnoreCase("Content-Length")
                || n.equalsIgnoreCase("Transfer-Encoding"))) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            request.writeBytes(body);
        }
        return sendBytes(request.toByteArray(), method.equals("HEAD"));
    }

    public Answer get(String target, String token) {
        return send("GET", target, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token), null);
    }

    /** Exactly these bytes, nothing added. */
    public Answer sendBytes(byte[] request) {
        return sendBytes(request, false);
    }

    private Answer sendBytes(byte[] request, boolean head) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before reading all of a request it refuses
            }
            Answer answer = read(socket.getInputStream(), head);
            while (answer.status() >= 100 && answer.status() < 200) {   // 100 Continue: the answer follows
                answer = read(socket.getInputStream(), head);
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException("no answer from " + host + ":" + port, e);
        }
    }

    private static Answer read(InputStream in, boolean headRequest) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the end of the response headers: " + head);
            }
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body;
        if (headRequest || status < 200 || status == 204 || status == 304) {
            return new Answer(status, headers, new byte[0]);
        }
        String length = headers.containsKey("content-length") ? headers.get("content-length").getFirst() : null;
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
            body = dechunk(in);
        } else {
            body = readToEnd(in);
        }
        return new Answer(status, headers, body);
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            int semicolon = size.indexOf(';');
            int chunk = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (chunk == 0) {
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes(chunk));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                body.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // a kept-alive connection without a length: what came is the body
        }
        return body.toByteArray();
    }

    /** A response as received; header names lower-cased. */
    public record Answer(int status, Map<String, List<String>> headers, byte[] body) {

        public Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
        }

        public String contentType() {
            return header("content-type").orElse("");
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonObject json() {
            try (var reader = Json.createReader(new StringReader(text()))) {
                return reader.readObject();
            }
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + (text().length() > 300 ? text().substring(0, 300) + "…" : text());
        }
    }
}
