package dev.inferplan.catalog.costs;

import java.util.List;
import java.util.Optional;

import dev.inferplan.contracts.grpc.recommender.RecommendationReport;

import org.junit.jupiter.api.Test;

import static dev.inferplan.catalog.costs.FakeRecommender.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which plan of a report backs an estimate of a version. */
class ReportBackedPlanTest {

    private final RecommendationReport report = RecommendationReport.newBuilder().setReportId(5)
            .addAllPriceBookVersions(List.of(3L, 4L))
            .addPlans(plan(3, 7, "c7i.2xlarge", "490.56", "0.0094")).addPlans(plan(1, 9, "c7i.large", "61.32", "0.0011"))
            .addPlans(plan(2, 7, "c7i.xlarge", "245.28", "0.0047")).build();

    @Test
    void theVersionsBestRankedPlanByDefault() {
        ReportBackedPlan plan = ReportBackedPlan.choose(report, 7, Optional.empty()).plan();
        assertEquals(2, plan.rank());
        assertEquals("c7i.xlarge", plan.instanceType());
        assertEquals("245.28", plan.monthlyUsd());
        assertEquals(List.of(3L, 4L), plan.priceBookVersions());
    }

    @Test
    void aNamedRankMustBeForTheVersion() {
        assertEquals(3, ReportBackedPlan.choose(report, 7, Optional.of(3)).plan().rank());
        ReportBackedPlan.Result other = ReportBackedPlan.choose(report, 7, Optional.of(1));
        assertNull(other.plan());
        assertEquals("planRank", other.mismatch().field());
        assertEquals("plan 1 of report 5 is for version 9, not 7", other.mismatch().reason());
        assertEquals("report 5 has no plan of rank 8", ReportBackedPlan.choose(report, 7, Optional.of(8)).mismatch().reason());
    }

    @Test
    void aReportWithoutAPlanForTheVersionNamesReportId() {
        ReportBackedPlan.Result none = ReportBackedPlan.choose(report, 11, Optional.empty());
        assertEquals("reportId", none.mismatch().field());
        assertEquals("report 5 has no plan for version 11 (its plans are for versions [7, 9])", none.mismatch().reason());
    }
}
