package dev.inferplan.pricing.pricelists;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.util.Map;
import java.util.NoSuchElementException;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;

/**
 * A streaming walk over one JSON document (JSON-P's {@link JsonParser}, Parsson at run time) for
 * the JSON price-list readers: the token steps they all need, and the one place that turns what
 * the parser throws into a file fault. What a fault says is the reader's ({@link Faults}); which
 * fault it is, is decided here, so the parser's quirks are known once.
 */
public final class JsonCursor implements AutoCloseable {

    /** How a reader words the faults of its format; each returns the exception to throw. */
    public interface Faults {

        /** Not JSON where {@code at} says; {@code atEnd} when the parser hit the end of the input. */
        ImportFormatException invalid(JsonLocation at, String parserMessage, boolean atEnd);

        /** The input ends inside the document. */
        ImportFormatException truncated();

        /** Bytes that are not UTF-8 (the decoder's report, wrapped by the parser). */
        ImportFormatException notUtf8();

        /** Anything else the parser could not read. */
        ImportFormatException unreadable(String parserMessage);
    }

    /** The body of a read, which may throw the reader's own I/O faults. */
    @FunctionalInterface
    public interface Walk<T> {
        T walk(JsonCursor cursor) throws IOException;
    }

    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private final JsonParser parser;
    private final Faults faults;

    private JsonCursor(JsonParser parser, Faults faults) {
        this.parser = parser;
        this.faults = faults;
    }

    /**
     * Parses {@code text} with {@code walk} and maps every parser failure to one of the reader's
     * {@link Faults}; an {@link IOException} of the input is rethrown as it is.
     */
    public static <T> T read(Reader text, Faults faults, Walk<T> walk) throws IOException {
        try (JsonParser parser = PARSERS.createParser(text)) {
            return walk.walk(new JsonCursor(parser, faults));
        } catch (JsonParsingException e) {
            String message = String.valueOf(e.getMessage());
            // Parsson reports the end of the input as "Unexpected char -1" (or an EOF token)
            boolean atEnd = message.contains("EOF") || message.contains("char -1");
            throw faults.invalid(e.getLocation(), message, atEnd);
        } catch (NoSuchElementException e) {
            throw faults.truncated();
        } catch (JsonException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof CharacterCodingException) {
                    throw faults.notUtf8();
                }
            }
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof IOException io) {
                    throw io;
                }
            }
            throw faults.unreadable(e.getMessage());
        }
    }

    /** The next token; the input ending here is a {@link Faults#truncated()} file. */
    public Event next() {
        if (!parser.hasNext()) {
            throw faults.truncated();
        }
        return parser.next();
    }

    public boolean hasNext() {
        return parser.hasNext();
    }

    /** The key, string or number (as written) of the current token. */
    public String string() {
        return parser.getString();
    }

    public BigDecimal bigDecimal() {
        return parser.getBigDecimal();
    }

    /** The text of a scalar (strings and numbers as written); skips a structure and gives null. */
    public String scalar(Event value) {
        return switch (value) {
            case VALUE_STRING, VALUE_NUMBER -> parser.getString();
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case START_OBJECT, START_ARRAY -> {
                skipValue(value);
                yield null;
            }
            default -> null;
        };
    }

    /** Skips the value that starts with {@code value} (nothing to do for a scalar). */
    public void skipValue(Event value) {
        if (value != Event.START_OBJECT && value != Event.START_ARRAY) {
            return;
        }
        int depth = 1;
        while (depth > 0) {
            switch (next()) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                default -> {
                    // scalars and keys inside the skipped value
                }
            }
        }
    }

    /**
     * Skips the object or array that starts with {@code value} by its brackets alone (the parser's
     * own skip: faster, but it does not check that the skipped text is JSON).
     */
    public void skipStructure(Event value) {
        if (value == Event.START_OBJECT) {
            parser.skipObject();
        } else if (value == Event.START_ARRAY) {
            parser.skipArray();
        }
    }

    /** Where the parser is; null when it cannot say. */
    public JsonLocation location() {
        try {
            return parser.getLocation();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The parser's line, -1 when it cannot say. */
    public long line() {
        JsonLocation at = location();
        return at == null ? -1 : at.getLineNumber();
    }

    @Override
    public void close() {
        parser.close();
    }
}
