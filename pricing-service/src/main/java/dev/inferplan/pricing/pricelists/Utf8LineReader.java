package dev.inferplan.pricing.pricelists;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;


/**
 * Reads a byte stream as strict UTF-8, one line at a time, in bounded memory (two 8 KiB buffers
 * and the current line, which may not exceed {@link #MAX_LINE_CHARS}).
 *
 * <p>Why not {@code BufferedReader} over an {@code InputStreamReader}: it cannot say whether the
 * last line ended with a line break (which tells a truncated file from a file without a final
 * newline), and the JDK's decoder reports a malformed byte for a whole buffer of text at once, so
 * the line number would be that of an earlier line. Here the same strict {@link CharsetDecoder}
 * ({@link CodingErrorAction#REPORT}) runs by hand: text decoded before a malformed byte is still
 * delivered, and the error is raised with the number of the line that holds the byte.
 *
 * <p>Lines end at {@code \n}; a {@code \r} before it is dropped ({@code \r\n} files read the same).
 */
public final class Utf8LineReader {

    /** One line of text; {@code terminated} is false only for a last line without a line break. */
    public record Line(long number, String text, boolean terminated) {
    }

    public static final int MAX_LINE_CHARS = 1 << 20;

    private static final int BUFFER = 8192;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
    private final CharBuffer chars = CharBuffer.allocate(BUFFER).flip();
    private final StringBuilder line = new StringBuilder(256);
    private boolean endOfInput;
    private boolean flushed;
    private CoderResult error;
    private long lineNumber;

    public Utf8LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end of the input. */
    public Line next() throws IOException {
        line.setLength(0);
        long number = lineNumber + 1;
        boolean any = false;
        while (true) {
            if (!chars.hasRemaining() && !fill(number)) {
                if (!any) {
                    return null;
                }
                lineNumber = number;
                return new Line(number, line.toString(), false);
            }
            char c = chars.get();
            any = true;
            if (c == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                lineNumber = number;
                return new Line(number, line.toString(), true);
            }
            if (line.length() == MAX_LINE_CHARS) {
                throw new ImportFormatException(number, null,
                        "line " + number + " is longer than " + MAX_LINE_CHARS + " characters");
            }
            line.append(c);
        }
    }

    /** Decodes more text into {@link #chars}; false at the end of the input. */
    private boolean fill(long number) throws IOException {
        if (error != null) {
            throw malformed(number);
        }
        if (flushed) {
            return false;
        }
        chars.clear();
        try {
            while (true) {
                CoderResult result = decoder.decode(bytes, chars, endOfInput);
                if (result.isError()) {
                    // deliver what was decoded before the bad byte; the error follows it
                    error = result;
                    if (chars.position() == 0) {
                        throw malformed(number);
                    }
                    return true;
                }
                if (result.isOverflow()) {
                    return true;
                }
                if (endOfInput) {
                    decoder.flush(chars);
                    flushed = true;
                    return chars.position() > 0;
                }
                if (chars.position() > 0) {
                    return true;
                }
                bytes.compact();
                int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (read < 0) {
                    endOfInput = true;
                } else {
                    bytes.position(bytes.position() + read);
                }
                bytes.flip();
            }
        } finally {
            chars.flip();
        }
    }

    private ImportFormatException malformed(long number) {
        return new ImportFormatException(number, null,
                "not UTF-8: malformed byte sequence at line " + number);
    }
}
