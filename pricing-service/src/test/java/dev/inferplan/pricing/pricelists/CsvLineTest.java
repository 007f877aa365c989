package dev.inferplan.pricing.pricelists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CsvLineTest {

    @Test
    void splitsPlainFields() throws Exception {
        assertEquals(List.of("a", "b", "c"), CsvLine.parse("a,b,c"));
        assertEquals(List.of("1.5", " padded ", "x"), CsvLine.parse("1.5, padded ,x"));
    }

    @Test
    void keepsEmptyFieldsEverywhere() throws Exception {
        assertEquals(List.of(""), CsvLine.parse(""));
        assertEquals(List.of("", ""), CsvLine.parse(","));
        assertEquals(List.of("a", "", "", "d"), CsvLine.parse("a,,,d"));
        assertEquals(List.of("a", "b", ""), CsvLine.parse("a,b,"));
        assertEquals(List.of("", "a"), CsvLine.parse(",a"));
    }

    @Test
    void quotedFieldMayHoldCommas() throws Exception {
        // the repaired Azure Generation value
        assertEquals(List.of("Standard_D2s_v3", "", "", "2", "8", "", "0.096", "0.018451", "eastus", "V1,V2"),
                CsvLine.parse("Standard_D2s_v3,,,2,8,,0.096,0.018451,eastus,\"V1,V2\""));
        assertEquals(List.of("a", "x,y,z", "b"), CsvLine.parse("a,\"x,y,z\",b"));
    }

    @Test
    void doubledQuoteIsOneQuote() throws Exception {
        assertEquals(List.of("say \"hi\"", "b"), CsvLine.parse("\"say \"\"hi\"\"\",b"));
        assertEquals(List.of("\""), CsvLine.parse("\"\"\"\""));
    }

    @Test
    void quotedEmptyFieldIsEmpty() throws Exception {
        assertEquals(List.of("", "a", ""), CsvLine.parse("\"\",a,\"\""));
    }

    @Test
    void readsAVastLine() throws Exception {
        String line = "1x-RTX_5090-32-65536,RTX5090,1,32,64.0,\"{'Gpus': [{'Name': 'RTX5090', 'Count': 1, "
                + "'MemoryInfo': {'SizeInMiB': 32607}}], 'TotalGpuMemoryInMiB': 32607}\",0.44,0.00,\"Denmark, DK, EU\"";
        List<String> fields = CsvLine.parse(line);
        assertEquals(9, fields.size());
        assertEquals("{'Gpus': [{'Name': 'RTX5090', 'Count': 1, 'MemoryInfo': {'SizeInMiB': 32607}}], "
                + "'TotalGpuMemoryInMiB': 32607}", fields.get(5));
        assertEquals("Denmark, DK, EU", fields.get(8));
        assertEquals(", CA, NA", CsvLine.parse("a,\", CA, NA\"").get(1));
    }

    @Test
    void quoteInsideAnUnquotedFieldIsData() throws Exception {
        assertEquals(List.of("5\"", "b"), CsvLine.parse("5\",b"));
    }

    @Test
    void unterminatedQuoteIsMalformed() {
        CsvLine.Malformed e = assertThrows(CsvLine.Malformed.class, () -> CsvLine.parse("a,\"b,c"));
        assertTrue(e.unterminatedQuote());
        assertTrue(e.getMessage().contains("character 3"), e.getMessage());
        assertTrue(assertThrows(CsvLine.Malformed.class, () -> CsvLine.parse("\"")).unterminatedQuote());
        assertTrue(assertThrows(CsvLine.Malformed.class, () -> CsvLine.parse("a,\"b\"\"")).unterminatedQuote());
    }

    @Test
    void textAfterAClosingQuoteIsMalformed() {
        CsvLine.Malformed e = assertThrows(CsvLine.Malformed.class, () -> CsvLine.parse("\"ab\"c,d"));
        assertFalse(e.unterminatedQuote());
    }
}
