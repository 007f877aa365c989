package dev.inferplan.catalog.published;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The citation a reviewer or admin recorded for a published result: what makes it count for the gate. */
@Entity
@Table(name = "result_citation")
public class ResultCitation {

    @Id
    @Column(name = "result_id")
    private long resultId;
    private String url;
    private String document;
    @Column(name = "table_ref")
    private String table;
    @Column(name = "recorded_by")
    private String recordedBy;
    @Column(name = "recorded_at")
    private Instant recordedAt;
    @Column(name = "proposal_id")
    private Long proposalId;

    protected ResultCitation() {
        // JPA
    }

    public long resultId() {
        return resultId;
    }

    public Citation citation() {
        return new Citation(url, document, table);
    }

    public String recordedBy() {
        return recordedBy;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public Long proposalId() {
        return proposalId;
    }
}
