package dev.inferplan.pricing.seed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.inferplan.pricing.book.PriceBookVersions;
import dev.inferplan.pricing.fx.FxRates;
import dev.inferplan.pricing.imports.ImportRun;
import dev.inferplan.pricing.imports.ImportRuns;
import dev.inferplan.pricing.imports.PriceImports;
import dev.inferplan.pricing.imports.PriceListFormats;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The demo's price book: on the first start with an empty book, imports the bundled real price
 * lists (SkyPilot catalogs of AWS, GCP, Azure and Vast; see seed/skypilot/PROVENANCE.md) and the
 * on-prem example, one after another in the background, through the same import path an admin
 * uses. Off with {@code pricing.seed.enabled=false}.
 */
@ApplicationScoped
public class SeedPriceBook {

    private static final Logger LOGGER = Logger.getLogger(SeedPriceBook.class.getName());

    private final boolean enabled;
    private final PriceImports imports;
    private final ImportRuns runs;
    private final PriceBookVersions versions;
    private final PriceListFormats formats;
    private final FxRates fxRates;

    @Inject
    public SeedPriceBook(@ConfigProperty(name = "pricing.seed.enabled", defaultValue = "true") boolean enabled,
                         PriceImports imports, ImportRuns runs, PriceBookVersions versions, PriceListFormats formats,
                         FxRates fxRates) {
        this.enabled = enabled;
        this.imports = imports;
        this.runs = runs;
        this.versions = versions;
        this.formats = formats;
        this.fxRates = fxRates;
    }

    record Entry(String format, String provider, String resource) {
    }

    // After migrations (PLATFORM_BEFORE) and the server start; the imports run in the background.
    void seedOnStartup(@Observes @Priority(Interceptor.Priority.APPLICATION + 500) @Initialized(ApplicationScoped.class)
                       Object event) {
        if (!enabled || !versions.history(Optional.empty()).isEmpty()) {
            return;
        }
        Thread.ofVirtual().name("price-book-seed").start(this::seed);
    }

    void seed() {
        if (fxRates.list().stream().noneMatch(rate -> rate.currency().equals("EUR"))) {
            // The on-prem example is priced in EUR; a demo value, replaced by any admin's rate.
            fxRates.set("EUR", "1.08", "seed");
        }
        for (Entry entry : manifest()) {
            if (formats.reader(entry.format()).isEmpty()) {
                LOGGER.warning(() -> "seed: no reader for format " + entry.format() + "; skipping " + entry.resource());
                continue;
            }
            try (InputStream in = resource(entry.resource())) {
                PriceImports.Submitted submitted = imports.submit(new PriceImports.Request(entry.provider(),
                        entry.format(), "lenient", entry.resource(), "seed"), in);
                if (submitted.work().isPresent()) {
                    submitted.work().get().get();
                }
                ImportRun run = runs.byId(submitted.run().id()).orElseThrow();
                LOGGER.info(() -> "seed: " + entry.provider() + " " + run.status() + ", " + run.offersCreated()
                        + " offers, " + run.rejectedCount() + " rows rejected");
            } catch (IOException | ExecutionException | RuntimeException e) {
                LOGGER.log(Level.WARNING, "seed: " + entry.resource() + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static List<Entry> manifest() {
        List<Entry> entries = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource("seed/manifest.csv"),
                StandardCharsets.UTF_8))) {
            reader.lines().skip(1).filter(line -> !line.isBlank()).forEach(line -> {
                String[] fields = line.split(",");
                entries.add(new Entry(fields[0].trim(), fields[1].trim(), fields[2].trim()));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException("seed resource missing: " + path);
        }
        return in;
    }
}
