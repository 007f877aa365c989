package dev.inferplan.catalog.drift;

import dev.inferplan.contracts.benchmarks.MeasurementStatus;
import dev.inferplan.contracts.benchmarks.MlperfCompliance;
import java.util.List;

import dev.inferplan.catalog.CatalogClient;
import dev.inferplan.catalog.benchmarks.BenchmarkResults;
import dev.inferplan.catalog.costs.FakeRecommender;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.Test;

import static dev.inferplan.catalog.CatalogClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drift re-review (issue 13 §5) over real gRPC servers at pricing's and the recommender's ports: a
 * price-book version that moves an approved plan's monthly cost by more than 10 % (the default)
 * flags its version REVIEW_SUGGESTED with the reason, in its card and the audit log; a smaller move
 * does not; an offer gone flags; an event seen twice flags once. A new valid measured p99 more than
 * 20 % from the previous one of the same configuration flags too; an invalid one never does.
 */
public abstract class DriftContract {

    @Inject
    WebTarget target;

    @Inject
    PriceDrift priceDrift;

    @Inject
    BenchmarkResults results;

    CatalogClient api() {
        return new CatalogClient(target);
    }

    private static long reports = 7000;

    /** An APPROVED version whose cost estimate is a saved report's plan on this offer. */
    private long approvedOn(String provider, String instanceType, String monthlyUsd, long priceBookVersion) {
        long version = api().version(api().family(unique("bge"), "text-embedding"), "1.0.0");
        api().benchmarkEvidence(version);
        long report = ++reports;
        FakeRecommender.report(report, List.of(priceBookVersion),
                FakeRecommender.plan(1, version, provider, "us-east-1", instanceType, monthlyUsd, "0.0040"));
        api().created("tina", "team", "/api/catalog/versions/" + version + "/cost-estimates",
                "{\"source\": \"REPORT\", \"reportId\": " + report + "}");
        api().review("tina", "team", version, "SUBMIT", null);
        api().review("rita", "reviewer", version, "APPROVE", "priced by a report");
        return version;
    }

    private List<JsonObject> flags(long version) {
        return api().get("/api/catalog/versions/" + version + "/card").getJsonObject("reviews")
                .getJsonArray("reviewFlags").getValuesAs(JsonObject.class);
    }

    @Test
    void aNewPriceBookVersionBeyondTheThresholdFlagsTheApprovedVersionOnce() {
        String provider = unique("aws");
        FakePricing.offer(12, provider, "us-east-1", "c7i.xlarge", "0.1680");
        FakePricing.offer(12, provider, "us-east-1", "c7i.large", "0.0850");
        FakePricing.offer(12, provider, "us-east-1", "m7i.large", "0.1008");
        long raised = approvedOn(provider, "c7i.xlarge", "245.28", 12);
        long steady = approvedOn(provider, "c7i.large", "124.10", 12);
        long gone = approvedOn(provider, "m7i.large", "147.17", 12);
        FakePricing.now(provider, "us-east-1", "c7i.xlarge", "0.2100");
        FakePricing.now(provider, "us-east-1", "c7i.large", "0.0900");
        FakePricing.event(provider, 15, 12);

        assertEquals(2, priceDrift.poll());
        List<JsonObject> flagged = flags(raised);
        assertEquals(1, flagged.size());
        assertEquals("REVIEW_SUGGESTED", flagged.getFirst().getString("kind"));
        String reason = flagged.getFirst().getString("reason");
        // 245.28 × 0.2100 / 0.1680 = 306.60: +25.00 %.
        assertTrue(reason.contains("monthly 306.60 USD against the approved 245.28 USD, +25.00 %, beyond 10 %"), reason);
        assertTrue(reason.contains(provider + " price book v15"), reason);
        assertEquals(List.of(), flags(steady), "0.0850 → 0.0900 is +5.88 %");
        assertTrue(flags(gone).getFirst().getString("reason").contains("no longer offers"));
        String markdown = api().as("vera", "viewer", "/api/catalog/versions/" + raised + "/card")
                .accept("text/markdown").get(String.class);
        assertTrue(markdown.contains("## Review suggested") && markdown.contains("+25.00 %"), markdown);
        List<JsonObject> audit = api().get("/api/catalog/audit?entityType=review-flag&modelVersion=" + raised)
                .getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(1, audit.size());
        assertEquals("REVIEW_SUGGESTED", audit.getFirst().getString("action"));

        assertEquals(0, priceDrift.poll(), "the position moved past the event");
        assertEquals(1, flags(raised).size());
    }

    @Test
    void aNewValidMeasuredP99BeyondTheThresholdFlagsTheApprovedVersion() {
        String provider = unique("gcp");
        FakePricing.offer(3, provider, "us-east-1", "n2-standard-4", "0.1942");
        long version = approvedOn(provider, "n2-standard-4", "283.53", 3);
        measured(version, 20.0, true);
        measured(version, 21.0, true);
        assertEquals(List.of(), flags(version), "+5.00 % is within 20 %");
        measured(version, 90.0, false);
        assertEquals(List.of(), flags(version), "an invalid result never flags");
        long worse = measured(version, 30.0, true);
        List<JsonObject> flagged = flags(version);
        assertEquals(1, flagged.size());
        String reason = flagged.getFirst().getString("reason");
        assertTrue(reason.contains("measured p99 30.0 ms (result " + worse + ") against 21.0 ms"), reason);
        assertTrue(reason.contains("+42.86 %, beyond 20 %"), reason);
    }

    private long measured(long version, double p99, boolean valid) {
        return results.record(new BenchmarkResults.NewResult(version, "test-cpu-pool", "OFFLINE", 8, 1, 400.0,
                new BenchmarkResults.Latency(10.0, 12.0, 14.0, p99, p99 + 5), 4000L, 60.0, valid,
                valid ? null : "windows disagree", "CPU", "1.20.0", "x86",
                new BenchmarkResults.ProvenanceSpec("MEASURED", "job 1, attempt 1, runner r1")),
                new BenchmarkResults.JobLink(1, 4, null, null, null,
                        valid ? MeasurementStatus.VALID : MeasurementStatus.UNSTABLE, MlperfCompliance.COMPLIANT, null, 0),
                "runner-test-cpu-pool").id();
    }
}
