-- Published benchmark evidence the committee vouches for (issue 13 §5). A PUBLISHED result counts for
-- the benchmark gate only with a citation recorded by a reviewer or admin: posted by one of them, or
-- proposed by a team member and accepted by one of them.
CREATE TABLE result_citation (
    result_id   BIGINT        NOT NULL,
    url         VARCHAR(1000) NULL,
    document    VARCHAR(500)  NULL,
    table_ref   VARCHAR(200)  NULL,
    recorded_by VARCHAR(128)  NOT NULL,
    recorded_at TIMESTAMP(6)  NOT NULL,
    -- The proposal it was accepted from; null when a reviewer or admin posted it directly.
    proposal_id BIGINT        NULL,
    CONSTRAINT pk_result_citation PRIMARY KEY (result_id),
    CONSTRAINT fk_result_citation_result FOREIGN KEY (result_id) REFERENCES benchmark_result (id)
);

-- A team member's proposed published result: not evidence (no benchmark_result row) until a reviewer
-- accepts it; a rejection keeps the proposal with the reviewer's reason.
CREATE TABLE evidence_proposal (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    model_version_id BIGINT        NOT NULL,
    pool             VARCHAR(128)  NOT NULL,
    -- The proposed result as JSON (the body of POST /api/benchmarks/results without its citation).
    result_json      MEDIUMTEXT    NOT NULL,
    url              VARCHAR(1000) NULL,
    document         VARCHAR(500)  NULL,
    table_ref        VARCHAR(200)  NULL,
    status           VARCHAR(16)   NOT NULL,
    proposed_by      VARCHAR(128)  NOT NULL,
    proposed_at      TIMESTAMP(6)  NOT NULL,
    decided_by       VARCHAR(128)  NULL,
    decided_at       TIMESTAMP(6)  NULL,
    decision_reason  VARCHAR(2000) NULL,
    result_id        BIGINT        NULL,
    CONSTRAINT pk_evidence_proposal PRIMARY KEY (id),
    CONSTRAINT fk_evidence_proposal_version FOREIGN KEY (model_version_id) REFERENCES model_version (id)
);
CREATE INDEX ix_evidence_proposal_status ON evidence_proposal (status, id);
