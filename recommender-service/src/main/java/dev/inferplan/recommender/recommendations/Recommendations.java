package dev.inferplan.recommender.recommendations;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;
import dev.inferplan.recommender.plans.Recommendation;
import dev.inferplan.recommender.plans.RecommendationRequest;
import dev.inferplan.recommender.plans.Recommender;
import dev.inferplan.recommender.snapshots.Snapshot;
import dev.inferplan.recommender.snapshots.SnapshotStore;
import dev.inferplan.recommender.upstreams.CatalogClient;
import dev.inferplan.recommender.upstreams.CatalogPointDetails;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Checks a request, takes the snapshot it is answered from, and answers it (REST and reports call this). */
@ApplicationScoped
public class Recommendations {

    private static final String SPOT_RATE_PREFIX = "recommender.spot.interruption-rate-per-hour.";

    private final SnapshotStore snapshots;
    private final CatalogClient catalog;
    private final Map<String, Double> spotRateByProvider;
    private final double restartOverheadHours;

    /**
     * {@code recommender.spot.interruption-rate-per-hour.<provider>} (and {@code .default}): the spot
     * interruption rates a request that prices spot risk takes when it names none (read once, here).
     */
    @Inject
    public Recommendations(SnapshotStore snapshots, CatalogClient catalog, Config config,
                           @ConfigProperty(name = "recommender.spot.restart-overhead-hours", defaultValue = "0.25")
                           double restartOverheadHours) {
        this.snapshots = snapshots;
        this.catalog = catalog;
        this.restartOverheadHours = restartOverheadHours;
        Map<String, Double> rates = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(SPOT_RATE_PREFIX)) {
                rates.put(name.substring(SPOT_RATE_PREFIX.length()), config.getValue(name, Double.class));
            }
        }
        this.spotRateByProvider = Map.copyOf(rates);
    }

    /** A request checked and answered, with the snapshot it was answered from. */
    public record Answered(RecommendationRequest request, Snapshot snapshot, Recommendation recommendation) {
    }

    public Answered recommend(RecommendationRequest raw, String token) {
        if (raw == null) {
            throw ProblemException.badRequest("A recommendation request body is required.", FieldError.field("$", "missing"));
        }
        List<FieldError> faults = RequestRules.shape(raw);
        if (!faults.isEmpty()) {
            throw ProblemException.unprocessable("The request has fields that cannot be answered.", faults);
        }
        SnapshotStore.Current current = raw.asOf() == null ? snapshots.current(token)
                : snapshots.asOf(token, Instant.parse(raw.asOf()));
        faults = RequestRules.names(raw, current.snapshot());
        if (!faults.isEmpty()) {
            throw ProblemException.unprocessable("The request names what the catalog or the price book does not know.",
                    faults);
        }
        RecommendationRequest request = raw.withDefaults();
        if (request.spotRisk() != null) {
            // the rates the answer used are stated in it and saved with a report's request
            request = request.withEconomics(request.commitments(),
                    request.spotRisk().withDefaults(spotRateByProvider, restartOverheadHours), request.cascade(),
                    request.tco(), request.value(), request.rankStability());
        }
        Recommendation answer = Recommender.recommend(request, current.snapshot(),
                new Recommender.Freshness(current.stale(), current.ageSeconds(), current.loadMs()),
                new CatalogPointDetails(catalog, token));
        return new Answered(request, current.snapshot(), answer);
    }
}
