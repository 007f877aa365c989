package dev.inferplan.catalog.published;

import java.io.StringReader;
import java.time.Instant;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/** A proposed published result as the API shows it: the result as proposed, its citation and the decision. */
public record ProposalView(long id, long modelVersionId, String pool, JsonObject result, Citation citation,
                           EvidenceProposal.Status status, String proposedBy, Instant proposedAt, String decidedBy,
                           Instant decidedAt, String decisionReason, Long resultId) {

    static ProposalView of(EvidenceProposal p) {
        JsonObject result;
        try (JsonReader reader = Json.createReader(new StringReader(p.resultJson()))) {
            result = reader.readObject();
        }
        return new ProposalView(p.id(), p.modelVersionId(), p.pool(), result, p.citation(), p.status(), p.proposedBy(),
                p.proposedAt(), p.decidedBy(), p.decidedAt(), p.decisionReason(), p.resultId());
    }
}
