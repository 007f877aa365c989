package dev.inferplan.recommender.recommendations;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.recommender.plans.Fixtures;
import dev.inferplan.recommender.plans.RecommendationRequest;
import dev.inferplan.recommender.plans.RecommendationRequest.TokensPerRequest;
import dev.inferplan.recommender.snapshots.CatalogSnapshot;
import dev.inferplan.recommender.snapshots.ModelVersion;
import dev.inferplan.recommender.snapshots.PriceSnapshot;
import dev.inferplan.recommender.snapshots.QualityMetric;
import dev.inferplan.recommender.snapshots.Snapshot;
import dev.inferplan.recommender.snapshots.UnitOffer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tokensPerRequest: 422 naming the field when negative, or missing while the request asks for a hosted candidate priced per token. */
class TokensPerRequestRulesTest {

    private static RecommendationRequest request(TokensPerRequest tokens) {
        return request(tokens, List.of("hosted"));
    }

    private static RecommendationRequest request(TokensPerRequest tokens, List<String> accelerators) {
        return new RecommendationRequest(Fixtures.TASK, null, new RecommendationRequest.Latency("p95", 500.0), null,
                new RecommendationRequest.Traffic(1.0, 1.0, "steady"), null,
                new RecommendationRequest.Constraints(null, null, null, accelerators, null, null, null, null, null, null,
                        null, null), "WITH_PUBLISHED", null, null, null, null, tokens);
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void negativeOrNonFiniteTokensAreRefused() {
        assertEquals(List.of("tokensPerRequest.input", "tokensPerRequest.output"),
                fields(RequestRules.shape(request(new TokensPerRequest(-1.0, Double.NaN)))));
        assertEquals(List.of(), fields(RequestRules.shape(request(new TokensPerRequest(0.0, 200.0)))));
    }

    @Test
    void tokensAreRequiredOnlyWhenAHostedCandidateIsPricedPerToken() {
        ModelVersion llm = new ModelVersion(2, "hosted", "llm-api", Fixtures.TASK, "APPROVED", null,
                List.of(new QualityMetric("mteb_avg", BigDecimal.TEN, "mteb", true, "PUBLISHED")), "example-hosted-llm");
        Snapshot snapshot = new Snapshot(new CatalogSnapshot(1, List.of(Fixtures.TASK), List.of(llm), List.of(),
                Instant.EPOCH), new PriceSnapshot(List.of(9L), List.of(), Instant.EPOCH, List.of(
                new UnitOffer("hosted-example", "global", "chat-api", "ON_DEMAND", "1K_OUTPUT_TOKENS",
                        "example-hosted-llm", Money.of("0.0006"), 9))));
        List<FieldError> missing = RequestRules.names(request(new TokensPerRequest(800.0, null)), snapshot);
        assertEquals(List.of("tokensPerRequest.output"), fields(missing));
        assertTrue(missing.getFirst().reason().contains("1K_OUTPUT_TOKENS"), missing.getFirst().reason());
        assertEquals(List.of(), fields(RequestRules.names(request(new TokensPerRequest(null, 200.0)), snapshot)),
                "no input-token price: the input side may be left out");
        // a request that does not ask for hosted candidates is answered; the hosted one is rejected in the answer
        assertEquals(List.of(), fields(RequestRules.names(request(null, List.of()), snapshot)));
    }
}
