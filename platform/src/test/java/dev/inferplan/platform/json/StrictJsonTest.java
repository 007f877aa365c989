package dev.inferplan.platform.json;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;

import jakarta.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StrictJsonTest {

    /** Columns as Parsson reports them: just past the character where it gave up. */
    @ParameterizedTest(name = "{0} -> {3} at {1}:{2}")
    @CsvSource(delimiter = '|', value = {
            "{\"pool\":\"a\",\"pool\":\"b\"}                 | 1 | 23 | duplicate key 'pool'",
            "{\"sweep\":{\"threads\":[1],\"threads\":[2]}}   | 1 | 38 | duplicate key 'threads'",
            "{\"pool\":\"a\"} garbage                        | 1 | 15 | content after the end of the JSON document",
            "{\"pool\":\"a\"}{}                              | 1 | 14 | content after the end of the JSON document",
            "{\"pool\":\"a\",}                               | 1 | 14 | not valid JSON",
            "{\"pool\":tru}                                  | 1 | 13 | not valid JSON",
    })
    void malformedDocumentsAreRefusedAtTheirPosition(String body, long line, String column, String reason) {
        ProblemException refused = assertThrows(ProblemException.class, () -> StrictJson.parse(body.strip()));
        assertEquals(400, refused.status());
        assertEquals(java.util.List.of(FieldError.at(line, column, reason)), refused.errors());
        assertFalse(refused.getMessage().contains("pool\""), "the body is never quoted: " + refused.getMessage());
    }

    @Test
    void oneDocumentWithTrailingWhitespaceIsRead() {
        JsonObject object = StrictJson.parse("{\"pool\":\"a\"}\n  \r\n").asJsonObject();
        assertEquals("a", object.getString("pool"));
    }

    @Test
    void aBodyOverTheLimitIs413() {
        byte[] body = ("{\"reason\":\"" + "x".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);
        ProblemException refused = assertThrows(ProblemException.class,
                () -> StrictJson.read(new ByteArrayInputStream(body), 64));
        assertEquals(413, refused.status());
        assertEquals(body.length, StrictJson.read(new ByteArrayInputStream(body), body.length).toString().length());
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[] latin1 = "{\"name\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        ProblemException refused = assertThrows(ProblemException.class,
                () -> StrictJson.read(new ByteArrayInputStream(latin1), 1024));
        assertEquals(java.util.List.of(FieldError.field("$", "not UTF-8")), refused.errors());
    }

    @Test
    void aTruncatedDocumentIsRefused() {
        assertEquals("the document ends too early",
                assertThrows(ProblemException.class, () -> StrictJson.parse("{\"pool\":")).errors().getFirst().reason());
    }

    @Test
    void anEmptyBodyIsRefused() {
        assertEquals(400, assertThrows(ProblemException.class, () -> StrictJson.parse(" ")).status());
    }

    @Test
    void nestingAndNumberLengthAreBounded() {
        String deep = "[".repeat(StrictJson.MAX_DEPTH + 1) + "]".repeat(StrictJson.MAX_DEPTH + 1);
        assertEquals("nested deeper than " + StrictJson.MAX_DEPTH + " levels",
                assertThrows(ProblemException.class, () -> StrictJson.parse(deep)).errors().getFirst().reason());
        String longNumber = "{\"n\":1" + "0".repeat(5000) + "}";
        assertEquals("number too long",
                assertThrows(ProblemException.class, () -> StrictJson.parse(longNumber)).errors().getFirst().reason());
    }
}
