package dev.inferplan.catalog.costs;

import java.util.List;
import java.util.Optional;

import dev.inferplan.contracts.grpc.recommender.RecommendationReport;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * Reads the saved report a {@code source: "REPORT"} estimate names from the recommender (outside
 * any database transaction: no row stays locked while another service is asked) and picks the
 * plan for the version. The report's own word decides; nothing is typed by hand.
 */
@ApplicationScoped
public class ReportBackedEstimates {

    private final RecommenderClient recommender;

    @Inject
    public ReportBackedEstimates(RecommenderClient recommender) {
        this.recommender = recommender;
    }

    public ReportBackedPlan planFor(long versionId, CostEstimates.NewCostEstimate request, String callerToken) {
        List<FieldError> errors = CostEstimates.reportRequestErrors(request);
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The report-backed cost estimate is not valid.", errors);
        }
        RecommendationReport report;
        try {
            report = recommender.report(request.reportId(), callerToken);
        } catch (RecommenderClient.ReportNotFound e) {
            throw ProblemException.unprocessable("The recommender has no such report.", List.of(FieldError.field("reportId",
                    "recommender-service has no report " + request.reportId())));
        } catch (RecommenderClient.ReportRefused e) {
            throw new ProblemException(403, "forbidden", "Forbidden", "recommender-service refused to show report "
                    + request.reportId() + " to this caller.", List.of(FieldError.field("reportId", "not readable by you")));
        } catch (RecommenderClient.RecommenderUnavailable | FaultToleranceException e) {
            throw new ProblemException(503, "recommender-unavailable", "Service Unavailable", "recommender-service did not"
                    + " answer for report " + request.reportId() + "; nothing was stored. Try again later.",
                    List.of(FieldError.field("reportId", "recommender-service unavailable")));
        }
        ReportBackedPlan.Result chosen = ReportBackedPlan.choose(report, versionId, Optional.ofNullable(request.planRank()));
        if (chosen.mismatch() != null) {
            throw ProblemException.unprocessable("The report does not back an estimate of this version.",
                    List.of(FieldError.field(chosen.mismatch().field(), chosen.mismatch().reason())));
        }
        return chosen.plan();
    }
}
