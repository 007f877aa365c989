package dev.inferplan.pricing.pricelists;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The text of a price list as strict UTF-8, for readers that hand a {@link Reader} to a parser
 * (the JSON formats; the CSV formats decode line by line in {@link Utf8LineReader}). Undecodable
 * bytes are reported by the decoder ({@link CodingErrorAction#REPORT}), never replaced, so a
 * Latin-1 file is refused instead of imported with mangled names; a UTF-8 byte-order mark is
 * skipped; UTF-16 and UTF-32 (a byte-order mark, or a zero byte among the first four) and an empty
 * or blank input are refused before anything is parsed, since a parser would report them as
 * puzzling syntax errors.
 */
public final class StrictUtf8 {

    /** How far the blank check looks; a longer run of white space is left to the parser. */
    private static final int BLANK_LOOKAHEAD = 1 << 16;

    private StrictUtf8() {
    }

    /**
     * A strict UTF-8 reader over {@code source}, which closing the reader does not close (the
     * caller owns it).
     *
     * @param refuse words a refusal for the caller: given what is wrong as a predicate ("is empty",
     *               "is not UTF-8: …"), the exception to throw
     */
    public static Reader reader(InputStream source, Function<String, ImportFormatException> refuse)
            throws IOException {
        BufferedInputStream in = new BufferedInputStream(new FilterInputStream(source) {
            @Override
            public void close() {
                // the caller owns the stream
            }
        }, BLANK_LOOKAHEAD);
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        boolean wideBom = head.length >= 2 && ((head[0] == (byte) 0xFE && head[1] == (byte) 0xFF)
                || (head[0] == (byte) 0xFF && head[1] == (byte) 0xFE));
        boolean zeroBytes = false;
        for (byte b : head) {
            zeroBytes |= b == 0;
        }
        if (wideBom || zeroBytes) {
            throw refuse.apply("is not UTF-8: it starts like UTF-16 or UTF-32 (a byte-order mark or zero bytes)");
        }
        if (head.length >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF) {
            in.skipNBytes(3);
        }
        in.mark(BLANK_LOOKAHEAD);
        int read;
        int looked = 0;
        do {
            read = in.read();
            looked++;
        } while ((read == ' ' || read == '\t' || read == '\n' || read == '\r') && looked < BLANK_LOOKAHEAD);
        if (read < 0) {
            throw refuse.apply("is empty");
        }
        in.reset();
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new InputStreamReader(in, decoder);
    }
}
