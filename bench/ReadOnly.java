import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;
import dev.inferplan.pricing.pricelists.ImportContext;
import dev.inferplan.pricing.pricelists.OfferRow;
import dev.inferplan.pricing.pricelists.OfferSink;
import dev.inferplan.pricing.pricelists.RejectedRow;
import dev.inferplan.pricing.imports.skypilot.SkyPilotCatalogReader;

/** Baseline for bench/pricing-import.sh: the SkyPilot reader alone, no database (3 rounds, last reported). */
public class ReadOnly {
    public static void main(String[] args) throws Exception {
        for (int round = 1; round <= 3; round++) {
            for (String file : args) {
                long[] counts = new long[3];
                OfferSink sink = new OfferSink() {
                    public void offer(OfferRow row) { counts[0]++; counts[2] = Math.max(counts[2], row.line()); }
                    public void rejected(RejectedRow row) { counts[1]++; counts[2] = Math.max(counts[2], row.line()); }
                };
                long start = System.nanoTime();
                try (InputStream in = Files.newInputStream(Path.of(file))) {
                    new SkyPilotCatalogReader().read(in, new ImportContext("bench",
                            c -> Optional.of(BigDecimal.ONE), AcceleratorVocabulary.standard()), sink);
                }
                double secs = (System.nanoTime() - start) / 1e9;
                if (round == 3) {
                    System.out.printf("  %-14s rows %6d  offers %6d  %6.2f s  %8.0f rows/s%n", Path.of(file).getFileName(),
                            counts[2], counts[0], secs, counts[2] / secs);
                }
            }
        }
    }
}
