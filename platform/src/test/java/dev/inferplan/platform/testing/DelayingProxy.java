package dev.inferplan.platform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy between two services for fault-injection tests: it forwards both ways, and while a
 * delay is set it holds every chunk coming back from the upstream that long (a slow service: HTTP/1,
 * HTTP/2 and gRPC alike); while a cut is set it drops each connection once that many bytes of the
 * upstream's answer have passed (a connection lost mid-answer).
 */
public final class DelayingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile long delayMillis;
    /** A new object for each cut asked for: a connection counts the answer's bytes from the cut's setting. */
    private volatile Cut cut;

    private record Cut(long afterBytes) {
    }
    private volatile boolean closed;

    private DelayingProxy(ServerSocket server, InetSocketAddress upstream) {
        this.server = server;
        this.upstream = upstream;
    }

    /** A proxy on a free local port to the upstream's host and port. */
    public static DelayingProxy to(URI upstream) {
        try {
            ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            DelayingProxy proxy = new DelayingProxy(server, new InetSocketAddress(upstream.getHost(), upstream.getPort()));
            Thread.ofVirtual().name("proxy-accept").start(proxy::accept);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Every answer from the upstream is held this long from now on (zero: none). */
    public void delay(Duration delay) {
        delayMillis = delay.toMillis();
    }

    /**
     * From now on, every connection is dropped (both sides closed) once {@code bytes} of the upstream's
     * answer have passed through it since this call, the status line and headers included; zero drops it
     * before any.
     */
    public void cutAnswersAfter(long bytes) {
        cut = new Cut(bytes);
    }

    /** Connections are no longer cut. */
    public void stopCutting() {
        cut = null;
    }

    private void dropConnections() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket target = new Socket();
                target.connect(upstream, 5_000);
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                open.add(client);
                open.add(target);
                Thread.ofVirtual().start(() -> pump(client, target, false));
                Thread.ofVirtual().start(() -> pump(target, client, true));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, boolean answers) {
        byte[] buffer = new byte[16 * 1024];
        Cut counting = null;
        long passed = 0;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                long delay = delayMillis;
                if (answers && delay > 0) {
                    Thread.sleep(delay);
                }
                Cut current = cut;
                if (answers && current != null) {
                    if (current != counting) {
                        counting = current;
                        passed = 0;
                    }
                    if (passed + read >= current.afterBytes()) {
                        out.write(buffer, 0, (int) (current.afterBytes() - passed));
                        out.flush();
                        return;
                    }
                    passed += read;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // a side closed: close the other
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        dropConnections();
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
