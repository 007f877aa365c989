package dev.inferplan.recommender.reports;

import java.time.Instant;
import java.util.List;

/**
 * A saved answer as stored: who asked, when, for which task, the snapshot's identity (catalog audit
 * position, price-book versions), the evidence its plans rest on, and the JSON of the request, the
 * answer and the inputs a replay needs.
 */
public record Report(long id, String createdBy, Instant createdAt, String task, long catalogPosition,
                     List<Long> priceBookVersions, List<Long> evidenceIds, String requestJson, String answerJson,
                     String inputsJson) {
}
