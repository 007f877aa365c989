package dev.inferplan.catalog.published;

import dev.inferplan.catalog.benchmarks.BenchmarkResults;

/**
 * A published benchmark result as posted (or proposed): the result's fields and its citation. The
 * provenance source may be left out; it is then the citation's text.
 */
public record PublishedResultRequest(Long modelVersionId, String pool, String scenario, Integer batchSize,
                                     Integer concurrency, Double throughputPerS, BenchmarkResults.Latency latencyMs,
                                     Long queries, Double durationSeconds, Boolean valid, String invalidReason,
                                     String executionProvider, String ortVersion, String hardware,
                                     BenchmarkResults.ProvenanceSpec provenance, Citation citation) {

    public BenchmarkResults.NewResult toNewResult() {
        BenchmarkResults.ProvenanceSpec cited = provenance;
        if (citation != null && (provenance == null || provenance.source() == null || provenance.source().isBlank())) {
            cited = new BenchmarkResults.ProvenanceSpec(provenance == null ? null : provenance.kind(),
                    citation.stripped().text());
        }
        return new BenchmarkResults.NewResult(modelVersionId, pool, scenario, batchSize, concurrency, throughputPerS,
                latencyMs, queries, durationSeconds, valid, invalidReason, executionProvider, ortVersion, hardware, cited);
    }
}
