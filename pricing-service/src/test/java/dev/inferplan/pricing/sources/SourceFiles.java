package dev.inferplan.pricing.sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Price lists the service refreshes on its own, configured before the container starts (put it before
 * {@code @HelidonTest}): sources sched-a and sched-b, suite CSV files below the tests' allowed root,
 * refreshed every second.
 */
public final class SourceFiles implements BeforeAllCallback, AfterAllCallback {

    static final Path DIRECTORY = Path.of("target", "test-price-lists", "sources").toAbsolutePath();
    static final String HEADER = "region,zone,instance_type,accelerator,accelerator_count,accelerator_memory_gib,"
            + "vcpus,memory_gib,cpu_architecture,purchase_option,price,currency,unit,upfront,term_months\n";
    private static final List<String> PROVIDERS = List.of("sched-a", "sched-b");

    @Override
    public void beforeAll(ExtensionContext context) {
        for (String provider : PROVIDERS) {
            write(provider, HEADER + "dc-1,,node-1,,,,8,32,,NEGOTIATED,1.00,USD,hour,,\n"
                    + "dc-1,,node-2,,,,8,32,,NEGOTIATED,2.00,USD,hour,,\n");
            System.setProperty("pricing.sources." + provider + ".url", "file:" + file(provider));
            System.setProperty("pricing.sources." + provider + ".format", "suite-csv");
            System.setProperty("pricing.sources." + provider + ".schedule", "1s");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (String provider : PROVIDERS) {
            for (String key : List.of("url", "format", "schedule")) {
                System.clearProperty("pricing.sources." + provider + "." + key);
            }
        }
    }

    static Path file(String provider) {
        return DIRECTORY.resolve(provider + ".csv");
    }

    /** Replaces the source's content at once (written beside it, then moved), as a publisher would. */
    static void write(String provider, String content) {
        try {
            Files.createDirectories(DIRECTORY);
            Path next = DIRECTORY.resolve(provider + ".next");
            Files.writeString(next, content);
            Files.move(next, file(provider), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
