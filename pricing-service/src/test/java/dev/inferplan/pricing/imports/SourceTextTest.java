package dev.inferplan.pricing.imports;

import java.nio.file.Path;
import java.util.List;

import dev.inferplan.platform.problem.ProblemException;
import dev.inferplan.pricing.pricelists.ImportFormatException;
import dev.inferplan.pricing.pricelists.RejectedRow;
import dev.inferplan.pricing.pricelists.SourceNumbers;
import dev.inferplan.pricing.pricelists.SourceText;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a report may repeat of a file, and which URLs and roots are refused before any file is touched. */
class SourceTextTest {

    private static final String SECRET = "root:$6$SECRETSALTsecretsalt$Xq0nQm0u2r8o1VvLZl5bq6e5k8rM4cYV.zH7p0J2Z9n5Qe7";

    @Test
    void aQuotedValueIsCutTo24CharactersWhereverTheReasonComesFrom() {
        RejectedRow row = new RejectedRow(3, "x".repeat(500), "unknown accelerator '" + SECRET + "' in the row");
        assertEquals("unknown accelerator '" + SECRET.substring(0, 24) + "…' in the row", row.reason());
        assertEquals(121, row.column().length(), "a column or JSON path is cut to 120 characters and an ellipsis");
        ImportFormatException fault = new ImportFormatException(1, null, "bad link '" + SECRET + "'");
        assertFalse(fault.getMessage().contains("salt$Xq0"), fault.getMessage());
        assertEquals("'ab?c'", SourceText.quote("ab\nc"), "control characters are not repeated");
    }

    @Test
    void numbersTooLargeForArithmeticAreOutOfRangeNotAFailure() {
        assertThrows(SourceNumbers.OutOfRange.class, () -> SourceNumbers.parse("1e999999999"));
        assertThrows(SourceNumbers.OutOfRange.class, () -> SourceNumbers.parse("1e-999999999"));
        assertEquals("123.45", SourceNumbers.parse("123.45").toPlainString());
        assertThrows(NumberFormatException.class, () -> SourceNumbers.parse("abc"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/proc", "/proc/self", "/sys/kernel", "/dev"})
    void aRootThatWouldExposeTheSystemStopsTheStart(String root) {
        assertThrows(IllegalStateException.class, () -> new PriceListLocations(List.of(Path.of(root))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:rel.csv", "file://localhost/etc/hosts", "file:/a.csv?x=1", "file:/a.csv#f", "http://x/a",
            "file:", "%", "file:/tmp/a%00b"})
    void urlsTheServiceCannotUseAre400BeforeAnyFileIsTouched(String url) {
        ProblemException refused = assertThrows(ProblemException.class, () -> PriceListLocations.path(url));
        assertEquals(400, refused.status());
        assertEquals("url", refused.errors().get(0).field());
    }

    @Test
    void outsideTheRootsIsOne403WhetherThePathExistsOrNot(@org.junit.jupiter.api.io.TempDir Path root) {
        PriceListLocations locations = new PriceListLocations(List.of(root));
        for (String path : List.of("/etc/hostname", "/etc/definitely-not-here", root + "/../x.csv", "/proc/self/environ")) {
            ProblemException refused = assertThrows(ProblemException.class, () -> locations.allowed(Path.of(path)));
            assertEquals(403, refused.status(), path);
            assertEquals(PriceListLocations.REFUSAL, refused.getMessage());
        }
        assertTrue(locations.allowed(root).startsWith(root.toAbsolutePath().normalize())
                || locations.allowed(root).equals(root.toAbsolutePath().normalize()));
    }
}
