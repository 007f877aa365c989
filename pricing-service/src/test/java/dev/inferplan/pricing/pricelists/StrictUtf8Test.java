package dev.inferplan.pricing.pricelists;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StrictUtf8Test {

    private static Reader open(byte[] bytes) throws IOException {
        return StrictUtf8.reader(new ByteArrayInputStream(bytes), problem -> new ImportFormatException(1, null,
                "the file " + problem));
    }

    @Test
    void aUtf8ByteOrderMarkIsSkipped() throws IOException {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
        char[] text = new char[8];
        assertEquals(2, open(bytes).read(text));
        assertEquals("{}", new String(text, 0, 2));
    }

    @Test
    void utf16AndEmptyInputsAreRefusedBeforeParsing() {
        assertTrue(assertThrows(ImportFormatException.class, () -> open("{}".getBytes(StandardCharsets.UTF_16)))
                .getMessage().startsWith("the file is not UTF-8"));
        assertTrue(assertThrows(ImportFormatException.class, () -> open("{}".getBytes(StandardCharsets.UTF_16LE)))
                .getMessage().startsWith("the file is not UTF-8"), "zero bytes without a byte-order mark");
        assertEquals("the file is empty", assertThrows(ImportFormatException.class, () -> open(new byte[0])).getMessage());
        assertEquals("the file is empty", assertThrows(ImportFormatException.class,
                () -> open(" \n\t ".getBytes(StandardCharsets.UTF_8))).getMessage());
    }

    @Test
    void undecodableBytesAreReportedNotReplaced() throws IOException {
        Reader reader = open(new byte[] {'{', (byte) 0xE9, '}'});
        assertThrows(java.nio.charset.CharacterCodingException.class, () -> reader.read(new char[8]));
    }
}
