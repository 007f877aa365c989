-- Append-only: the service inserts and reads; no code path updates or deletes a row.
CREATE TABLE audit_entry (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    entity_type      VARCHAR(32)  NOT NULL,
    entity_id        VARCHAR(128) NOT NULL,
    -- The model version the change concerns, when there is one (metrics, reviews, costs, results).
    model_version_id BIGINT       NULL,
    action           VARCHAR(32)  NOT NULL,
    actor            VARCHAR(128) NOT NULL,
    occurred_at      TIMESTAMP(6) NOT NULL,
    before_json      TEXT         NULL,
    after_json       TEXT         NULL,
    CONSTRAINT pk_audit_entry PRIMARY KEY (id)
);
CREATE INDEX ix_audit_entity ON audit_entry (entity_type, entity_id, id);
CREATE INDEX ix_audit_version ON audit_entry (model_version_id, id);
