package dev.inferplan.pricing.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Dependencies flow one way (issue 18 §3): the import pipeline uses the book, the book and the
 * readers use the price-list SPI, and a new version reaches the readers of the book as a CDI event
 * ({@code PriceBookPublished}), not as a call from the pipeline. Read from the sources, imports and
 * fully-qualified names alike.
 */
class PackageDependenciesTest {

    private static final Path MAIN = Path.of("src/main/java/dev/inferplan/pricing");

    private static List<String> offenders(String fromPackage, Pattern forbidden) {
        try (Stream<Path> files = Files.list(MAIN.resolve(fromPackage.replace('.', '/')))) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> forbidden.matcher(read(file)).find())
                    .map(file -> file.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theBookDoesNotUseTheImportPipeline() {
        assertEquals(List.of(), offenders("book", Pattern.compile("dev\\.inferplan\\.pricing\\.imports\\.[A-Z]")));
    }

    @Test
    void theImportPipelineDoesNotCallTheReadersOfTheBook() {
        assertEquals(List.of(), offenders("imports", Pattern.compile("dev\\.inferplan\\.pricing\\.offers\\.")));
    }

    @Test
    void thePriceListSpiDependsOnNothingElseInTheService() {
        assertEquals(List.of(), offenders("pricelists",
                Pattern.compile("dev\\.inferplan\\.pricing\\.(?!pricelists\\.)[a-z]+\\.")));
    }
}
