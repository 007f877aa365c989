package dev.inferplan.recommender.reports;

import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

import dev.inferplan.platform.problem.ProblemException;
import dev.inferplan.recommender.plans.Recommendation;
import dev.inferplan.recommender.plans.RecommendationRequest;
import dev.inferplan.recommender.plans.Recommender;
import dev.inferplan.recommender.recommendations.Recommendations;
import dev.inferplan.recommender.snapshots.Snapshot;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * Saved recommendation answers: saved with the inputs they were computed from, read back, and replayed
 * over those same inputs, which must give the same plans.
 */
@ApplicationScoped
public class Reports {

    private static final Jsonb JSON = JsonbBuilder.create();

    private final Recommendations recommendations;
    private final ReportRepository repository;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public Reports(Recommendations recommendations, ReportRepository repository) {
        this.recommendations = recommendations;
        this.repository = repository;
    }

    /** A report as read: its identity, the snapshot it was computed from, the request and the answer. */
    public record ReportView(long id, String createdBy, Instant createdAt, String task, long catalogSnapshot,
                             List<Long> priceBookVersions, List<Long> evidenceIds, JsonObject request,
                             JsonObject answer) {
    }

    /** A replay: the answer recomputed over the report's inputs, and whether its plans are the saved ones. */
    public record Replay(long reportId, boolean samePlans, Recommendation recommendation) {
    }

    /** Answers the request now and saves the answer with what it was computed from. */
    public ReportView save(RecommendationRequest raw, String token, String user) {
        Recommendations.Answered answered = recommendations.recommend(raw, token);
        long id = repository.add(compose(answered.request(), answered.snapshot(), answered.recommendation(), user,
                clock.instant()));
        return view(repository.byId(id).orElseThrow());
    }

    /** The report of an answer: its request (defaults applied), the answer, and the inputs a replay needs. */
    static Report compose(RecommendationRequest request, Snapshot snapshot, Recommendation answer, String user,
                          Instant at) {
        TreeSet<Long> evidence = new TreeSet<>();
        answer.plans().forEach(plan -> plan.evidence().forEach(e -> evidence.add(e.resultId())));
        ReportInputs inputs = ReportInputs.of(request.task(), snapshot);
        return new Report(0, user, at, request.task(), answer.catalogSnapshot(), answer.priceBookVersions(),
                List.copyOf(evidence), JSON.toJson(request), JSON.toJson(answer), JSON.toJson(inputs));
    }

    public ReportView byId(long id) {
        return view(find(id));
    }

    public Replay replay(long id) {
        Report report = find(id);
        RecommendationRequest request = JSON.fromJson(report.requestJson(), RecommendationRequest.class).withDefaults();
        ReportInputs inputs = JSON.fromJson(report.inputsJson(), ReportInputs.class);
        long age = Duration.between(report.createdAt(), clock.instant()).toSeconds();
        Recommendation replayed = Recommender.recommend(request, inputs.snapshot(),
                new Recommender.Freshness(false, age, 0));
        JsonArray saved = parse(report.answerJson()).getJsonArray("plans");
        JsonArray now = Json.createReader(new StringReader(JSON.toJson(replayed.plans()))).readArray();
        return new Replay(id, saved.equals(now), replayed);
    }

    /** The saved plans, bound from the answer's JSON. */
    public static List<SavedPlan> plans(Report report) {
        return parse(report.answerJson()).getJsonArray("plans").getValuesAs(JsonObject.class).stream()
                .map(SavedPlan::of).toList();
    }

    private Report find(long id) {
        return repository.byId(id).orElseThrow(() -> ProblemException.notFound("Report " + id));
    }

    private static ReportView view(Report report) {
        return new ReportView(report.id(), report.createdBy(), report.createdAt(), report.task(),
                report.catalogPosition(), report.priceBookVersions(), report.evidenceIds(),
                parse(report.requestJson()), parse(report.answerJson()));
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    /** What the gRPC report carries of a saved plan. */
    public record SavedPlan(int rank, long modelVersionId, String pool, String provider, String region,
                            String instanceType, String purchaseOption, String accelerator, int acceleratorCount,
                            int replicas, int replicasBilled, String monthlyCostUsd, String costPer1kUsd,
                            List<Long> evidenceResultIds) {

        static SavedPlan of(JsonObject plan) {
            return new SavedPlan(plan.getInt("rank"), plan.getJsonNumber("modelVersionId").longValue(),
                    plan.getString("pool"), plan.getString("provider"), plan.getString("region"),
                    plan.getString("instanceType"), plan.getString("purchaseOption"), plan.getString("accelerator"),
                    (int) Math.round(plan.getJsonNumber("acceleratorCount").doubleValue()), plan.getInt("replicas"),
                    plan.getInt("replicasBilled"), plan.getString("monthlyCostUsd"),
                    plan.containsKey("costPer1kUsd") && !plan.isNull("costPer1kUsd") ? plan.getString("costPer1kUsd") : "",
                    plan.getJsonArray("evidence").getValuesAs(JsonObject.class).stream()
                            .map(e -> e.getJsonNumber("resultId").longValue()).toList());
        }
    }

}
