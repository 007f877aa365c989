package dev.inferplan.catalog.seed;

import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The seed catalog (see seed/PROVENANCE.md): real published figures — timm's ImageNet results and
 * MTEB scores — and the ONNX models the runner benchmarks, loaded at the first start. Idempotent:
 * each data set is written once (seed_run). Off with {@code catalog.seed.enabled=false}.
 */
@ApplicationScoped
public class CatalogSeed {

    private static final Logger LOGGER = Logger.getLogger(CatalogSeed.class.getName());

    private final boolean enabled;
    private final Path mavenRepository;
    private final SeedWriter writer;
    private final EvidenceSeedWriter evidence;

    @Inject
    public CatalogSeed(@ConfigProperty(name = "catalog.seed.enabled", defaultValue = "true") boolean enabled,
                       @ConfigProperty(name = "catalog.seed.maven-repository") String mavenRepository,
                       SeedWriter writer, EvidenceSeedWriter evidence) {
        this.enabled = enabled;
        this.mavenRepository = Path.of(mavenRepository.replace("~", System.getProperty("user.home")));
        this.writer = writer;
        this.evidence = evidence;
    }

    // After the migrations (PLATFORM_BEFORE), before the server starts taking requests (PLATFORM_AFTER + 100).
    void seedOnStartup(@Observes @Priority(Interceptor.Priority.APPLICATION + 500) @Initialized(ApplicationScoped.class)
                       Object event) {
        if (enabled) {
            seed();
        }
    }

    /** Writes every data set not written yet. */
    public void seed() {
        for (SeedPlan plan : List.of(TimmImagenetSeed.plan(), EmbeddingModelsSeed.plan(mavenRepository),
                PublishedEvidenceSeed.mlperfModels())) {
            long start = System.nanoTime();
            boolean written = writer.write(plan);
            LOGGER.info(() -> "seed " + plan.name() + (written ? ": " + plan.families().size() + " families, "
                    + plan.versionCount() + " versions, " + plan.metricCount() + " metrics in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms" : ": already loaded"));
        }
        long start = System.nanoTime();
        EvidenceSeedWriter.SeededEvidence written = evidence.write(PublishedEvidenceSeed.NAME,
                () -> PublishedEvidenceSeed.plan(AcceleratorVocabulary.standard()));
        LOGGER.info(() -> "seed " + written.name() + (written.results() == 0 ? ": already loaded" : ": " + written.pools()
                + " pools, " + written.results()
                + " published results (" + written.withoutVersion() + " rows without a seeded version, "
                + written.skipped() + " rows of unknown accelerators or scenarios left out) in "
                + (System.nanoTime() - start) / 1_000_000 + " ms"));
    }
}
