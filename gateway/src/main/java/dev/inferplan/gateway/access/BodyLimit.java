package dev.inferplan.gateway.access;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The request size limit (413): {@code gateway.max-request-bytes} for every route but the ones listed in
 * {@code gateway.unlimited-body-paths} (the price-list import, whose files are large by nature and which
 * the pricing service streams and limits itself). A declared {@code Content-Length} is checked before
 * anything is forwarded; a chunked body is counted while it streams and stopped at the limit.
 */
public final class BodyLimit {

    private final long maxBytes;
    private final List<String> unlimitedPaths;

    public BodyLimit(long maxBytes, List<String> unlimitedPaths) {
        this.maxBytes = maxBytes;
        this.unlimitedPaths = List.copyOf(unlimitedPaths);
    }

    public long maxBytes() {
        return maxBytes;
    }

    public boolean appliesTo(String path) {
        return unlimitedPaths.stream().noneMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    }

    /** The body as it streams, failing with {@link TooLarge} once it passes the limit. */
    public InputStream counting(InputStream body) {
        return new FilterInputStream(body) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(long n) throws TooLarge {
                read += n;
                if (read > maxBytes) {
                    throw new TooLarge(maxBytes);
                }
            }
        };
    }

    /** The body went past the limit while streaming. */
    public static final class TooLarge extends IOException {
        public TooLarge(long maxBytes) {
            super("request body is larger than " + maxBytes + " bytes");
        }
    }
}
