-- Saved recommendation answers (issue 12): the request, the answer, and the inputs it was computed
-- from (the task's model versions, their evidence and the offers those can be priced at), so that a
-- replay recomputes the same plans whatever the catalog and the price book hold later (ADR 0011).
CREATE TABLE recommendation_report (
    id                  BIGINT        NOT NULL AUTO_INCREMENT,
    created_by          VARCHAR(128)  NOT NULL,
    created_at          TIMESTAMP(6)  NOT NULL,
    task                VARCHAR(200)  NOT NULL,
    catalog_position    BIGINT        NOT NULL,
    -- comma-separated ids, ascending
    price_book_versions VARCHAR(4000) NOT NULL,
    evidence_ids        LONGTEXT      NOT NULL,
    request_json        LONGTEXT      NOT NULL,
    answer_json         LONGTEXT      NOT NULL,
    inputs_json         LONGTEXT      NOT NULL,
    CONSTRAINT pk_recommendation_report PRIMARY KEY (id)
);
