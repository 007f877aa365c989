package dev.inferplan.platform.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

/**
 * Reads a request body as exactly one JSON document (RFC 8259), refusing what a lenient parser lets
 * through: bytes that are not UTF-8, duplicate keys, anything after the document, nesting deeper than
 * {@value #MAX_DEPTH}, numbers longer than Parsson's limit, and bodies over the size limit. A refusal
 * is a problem naming the position, never quoting the body.
 */
public final class StrictJson {

    static final int MAX_DEPTH = 500;

    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of(
            "org.eclipse.parsson.rejectDuplicateKeys", true,
            "org.eclipse.parsson.maxDepth", MAX_DEPTH));

    private StrictJson() {
    }

    /** The body read up to {@code maxBytes}: 413 beyond it, 400 when it is not one well-formed JSON document. */
    public static JsonValue read(InputStream body, long maxBytes) {
        return parse(decode(readAtMost(body, maxBytes)));
    }

    /** One JSON document, or 400 naming the line and column at fault. */
    public static JsonValue parse(String text) {
        if (text.isBlank()) {
            throw malformed("The request body is empty; a JSON document is required.", null, "empty body");
        }
        JsonParser parser = PARSERS.createParser(new StringReader(text));
        try (parser) {
            parser.next();
            JsonValue value = parser.getValue();
            if (trailingContent(parser)) {
                throw malformed(parser.getLocation(), "content after the end of the JSON document");
            }
            return value;
        } catch (ProblemException e) {
            throw e;
        } catch (JsonException | IllegalStateException | UnsupportedOperationException e) {
            // Parsson: JsonParsingException for syntax; IllegalStateException for a duplicate key;
            // RuntimeExceptions for depth and number length.
            throw malformed(parser.getLocation(), reason(e));
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("nested")) {
                throw malformed(parser.getLocation(), "nested deeper than " + MAX_DEPTH + " levels");
            }
            throw e;
        }
    }

    private static boolean trailingContent(JsonParser parser) {
        try {
            return parser.hasNext();
        } catch (JsonException e) {
            return true;
        }
    }

    private static String reason(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Duplicate key")) {
            int from = message.indexOf('\'');
            int to = message.lastIndexOf('\'');
            String key = from >= 0 && to > from ? message.substring(from + 1, to) : "";
            return "duplicate key '" + (key.length() > 64 ? key.substring(0, 64) + "…" : key) + "'";
        }
        if (message.contains("EOF token")) {
            return "content after the end of the JSON document";
        }
        if (message.contains("BigDecimal") || message.contains("BigInteger")) {
            return "number too long";
        }
        if (message.contains("nested")) {
            return "nested deeper than " + MAX_DEPTH + " levels";
        }
        if (message.contains("EOF")) {
            return "the document ends too early";
        }
        return "not valid JSON";
    }

    private static ProblemException malformed(JsonLocation location, String reason) {
        if (location == null || location.getLineNumber() < 1) {
            return malformed("The request body is not valid JSON: " + reason + ".", null, reason);
        }
        return malformed("The request body is not valid JSON: " + reason + " at line " + location.getLineNumber()
                        + ", column " + location.getColumnNumber() + ".",
                FieldError.at(location.getLineNumber(), String.valueOf(location.getColumnNumber()), reason), reason);
    }

    private static ProblemException malformed(String detail, FieldError at, String reason) {
        return new ProblemException(400, "malformed-json", "Malformed JSON", detail,
                List.of(at == null ? FieldError.field("$", reason) : at));
    }

    private static byte[] readAtMost(InputStream body, long maxBytes) {
        try (body) {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new ProblemException(413, "too-large", "Content too large",
                        "The request body is larger than " + maxBytes + " bytes.", List.of());
            }
            return bytes;
        } catch (IOException | UncheckedIOException e) {
            throw unreadable();
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            // Helidon reports a malformed chunked body from inside the stream (NumberFormatException, RequestException)
            throw unreadable();
        }
    }

    private static ProblemException unreadable() {
        return new ProblemException(400, "bad-request", "Bad request",
                "The request body could not be read: its length or chunked framing is malformed, or it ended early.",
                List.of());
    }

    private static String decode(byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf ? 3 : 0;   // RFC 8259 §8.1: a parser may ignore a byte order mark
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            CharBuffer chars = utf8.decode(in);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(400, "malformed-json", "Malformed JSON",
                    "The request body is not UTF-8 (RFC 8259 §8.1) at byte " + in.position() + ".",
                    List.of(FieldError.field("$", "not UTF-8")));
        }
    }
}
