package dev.inferplan.catalog.versions;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;


import jakarta.json.Json;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The in-memory search's semantics, and the memoized JSON being exactly what JSON-B writes. */
class VersionColumnsTest {

    private static final Instant AT = Instant.parse("2026-11-24T01:02:03.456789Z");

    private final VersionColumns columns = new VersionColumns(new IndexedVersion[] {
        version(1, 10, "alpha", "image-classification", "b-small", "APPROVED", "TIER_2", "alpha b-small a vision model",
                metric(1, "top1", "70"), metric(1, "top1", "76.5"), metric(1, "top5", "93")),
        version(2, 10, "alpha", "image-classification", "A-large", "PROPOSED", "TIER_3", "alpha a-large a vision model",
                metric(2, "top1", "88")),
        version(3, 20, "embed", "text-embedding", "c-tiny", "APPROVED", null, "embed c-tiny sentence vectors"),
        version(4, 20, "embed", "text-embedding", "d-mini", "APPROVED", "TIER_1", "embed d-mini sentence vectors",
                metric(4, "mteb_avg", "56.26")),
    });

    @Test
    void filtersCombineWithAnd() {
        assertEquals(List.of(4L, 3L), ids(query().task("text-embedding").status("APPROVED")));
        assertEquals(List.of(), ids(query().task("object-detection")), "a value no version has");
        assertEquals(List.of(2L), ids(query().tier("TIER_3")));
        assertEquals(List.of(2L, 1L), ids(query().family(10)));
        assertEquals(4, columns.search(query().build()).length);
    }

    @Test
    void freeTextMatchesWithinOneVersionOnly() {
        assertEquals(List.of(4L, 3L), ids(query().text("SENTENCE")), "case-insensitive");
        assertEquals(List.of(), ids(query().text("model\u0000embed")));
        // "model" ends version 2's text and "embed" starts version 3's: no match across the boundary
        assertEquals(List.of(), ids(query().text("modelembed")));
        assertEquals(List.of(1L), ids(query().text("b-small")));
    }

    @Test
    void metricThresholdsUseTheBestValueWithinTheBounds() {
        assertEquals(List.of(2L, 1L), ids(query().metric("top1", null, null).sort(VersionQuery.Key.METRIC, true)));
        assertEquals(List.of(1L), ids(query().metric("top1", "76.5", "80")), "bounds are inclusive");
        assertEquals(List.of(1L), ids(query().metric("top1", null, "71")), "70 is within, 76.5 is not");
        assertEquals(List.of(), ids(query().metric("top1", "88.000001", null)));
        assertEquals(List.of(), ids(query().metric("f1", null, null)), "a metric no version has");
    }

    @Test
    void sortsWithTiesByIdAndAbsentTiersLast() {
        assertEquals(List.of(4L, 3L, 2L, 1L), ids(query()));
        assertEquals(List.of(1L, 2L, 3L, 4L), ids(query().sort(VersionQuery.Key.ID, false)));
        assertEquals(List.of(2L, 1L, 3L, 4L), ids(query().sort(VersionQuery.Key.LABEL, false)), "case-insensitive");
        assertEquals(List.of(4L, 1L, 2L, 3L), ids(query().sort(VersionQuery.Key.TIER, false)));
        assertEquals(List.of(2L, 1L, 4L, 3L), ids(query().sort(VersionQuery.Key.TIER, true)));
        assertEquals(List.of(4L, 3L, 2L, 1L), ids(query().sort(VersionQuery.Key.FAMILY, true)), "ties by id, descending");
    }

    @Test
    void filteredSearchesComeOutInTheSortOrderMadeOnceForAllVersions() {
        for (int again = 0; again < 2; again++) {   // the second time from the order the first one made
            assertEquals(List.of(4L, 1L, 3L), ids(query().status("APPROVED").sort(VersionQuery.Key.TIER, false)));
            assertEquals(List.of(1L, 4L, 3L), ids(query().status("APPROVED").sort(VersionQuery.Key.TIER, true)));
            assertEquals(List.of(3L, 4L), ids(query().task("text-embedding").sort(VersionQuery.Key.LABEL, false)));
            assertEquals(List.of(2L, 1L), ids(query().family(10).sort(VersionQuery.Key.STATUS, true)));
            assertEquals(List.of(1L, 3L, 4L), ids(query().status("APPROVED").sort(VersionQuery.Key.ID, false)));
        }
    }

    @Test
    void theMemoizedPageIsWhatJsonBWritesForThePage() throws Exception {
        try (Jsonb jsonb = JsonbBuilder.create()) {
            List<IndexedVersion> items = new ArrayList<>();
            for (int position = 0; position < columns.size(); position++) {
                items.add(columns.at(position));
            }
            String expected = jsonb.toJson(new VersionIndex.Page(items.stream().map(IndexedVersion::view).toList(), 2, 4, 13));
            assertEquals(expected, VersionIndex.pageJson(items, 2, 4, 13, jsonb));
            assertEquals(jsonb.toJson(new VersionIndex.Page(List.of(), 0, 20, 0)), VersionIndex.pageJson(List.of(), 0, 20, 0, jsonb));
        }
    }

    private List<Long> ids(QueryBuilder query) {
        return Arrays.stream(columns.search(query.build())).mapToObj(p -> columns.at(p).view().id()).toList();
    }

    private static QueryBuilder query() {
        return new QueryBuilder();
    }

    /** Only what these tests vary; the rest as the API's defaults. */
    private static final class QueryBuilder {
        private Optional<String> task = Optional.empty();
        private Optional<String> tier = Optional.empty();
        private Optional<VersionStatus> status = Optional.empty();
        private Optional<String> text = Optional.empty();
        private Optional<Long> family = Optional.empty();
        private Optional<String> metric = Optional.empty();
        private Optional<BigDecimal> min = Optional.empty();
        private Optional<BigDecimal> max = Optional.empty();
        private VersionQuery.Sort sort = new VersionQuery.Sort(VersionQuery.Key.ID, true);

        QueryBuilder task(String value) {
            task = Optional.of(value);
            return this;
        }

        QueryBuilder tier(String value) {
            tier = Optional.of(value);
            return this;
        }

        QueryBuilder status(String value) {
            status = VersionStatus.parse(value);
            return this;
        }

        QueryBuilder text(String value) {
            text = Optional.of(value);
            return this;
        }

        QueryBuilder family(long value) {
            family = Optional.of(value);
            return this;
        }

        QueryBuilder metric(String name, String minValue, String maxValue) {
            metric = Optional.of(name);
            min = Optional.ofNullable(minValue).map(BigDecimal::new);
            max = Optional.ofNullable(maxValue).map(BigDecimal::new);
            return this;
        }

        QueryBuilder sort(VersionQuery.Key key, boolean descending) {
            sort = new VersionQuery.Sort(key, descending);
            return this;
        }

        VersionQuery build() {
            return new VersionQuery(task, tier, status, text, family, metric, min, max, sort, 0, 50);
        }
    }

    private static IndexedVersion version(long id, long familyId, String family, String task, String label, String status,
                                          String tier, String text, MetricView... metrics) {
        VersionView.Artifact artifact = id % 2 == 0 ? null : new VersionView.Artifact("file:/m/" + label + ".onnx",
                "ab".repeat(32), 1234L, "onnx", 17, Json.createReader(new StringReader(
                        "{\"inputs\":[{\"name\":\"input_ids\",\"dtype\":\"int64\",\"shape\":[\"batch\",\"seq\"]}]}")).readValue(), null);
        VersionView.TierOverride override = "TIER_1".equals(tier) ? new VersionView.TierOverride(tier, "edge \"only\"", "rita", AT) : null;
        VersionView.Lineage lineage = id == 2 ? new VersionView.Lineage("distilled-from", 1) : null;
        return new IndexedVersion(new VersionView(id, familyId, family, task, label, status, tier, tier, override, artifact,
                lineage, List.of(metrics), AT, "tina", AT, 3), text);
    }

    private static MetricView metric(long versionId, String name, String value) {
        return new MetricView(versionId * 100 + name.length(), versionId, name, new BigDecimal(value), "imagenet-1k",
                "validation", true, new MetricView.Provenance("PUBLISHED", "a paper, table 2"), AT, "tina");
    }
}
