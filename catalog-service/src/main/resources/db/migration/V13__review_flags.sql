-- Drift re-review (issue 13 §5): a flag that suggests the committee look at an APPROVED version again,
-- with the reason (its plan's price moved, or its measured p99 did). Flags are appended, never changed.
CREATE TABLE review_flag (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    model_version_id BIGINT        NOT NULL,
    kind             VARCHAR(32)   NOT NULL,
    reason           VARCHAR(2000) NOT NULL,
    -- What raised it, e.g. "price-book-event:42" or "benchmark-result:917": the same cause flags once.
    cause            VARCHAR(128)  NOT NULL,
    raised_at        TIMESTAMP(6)  NOT NULL,
    raised_by        VARCHAR(128)  NOT NULL,
    CONSTRAINT pk_review_flag PRIMARY KEY (id),
    CONSTRAINT uq_review_flag_cause UNIQUE (model_version_id, cause),
    CONSTRAINT fk_review_flag_version FOREIGN KEY (model_version_id) REFERENCES model_version (id)
);

-- Where a poller of another service's event log stands (one row per log).
CREATE TABLE event_cursor (
    name     VARCHAR(64) NOT NULL,
    position BIGINT      NOT NULL,
    CONSTRAINT pk_event_cursor PRIMARY KEY (name)
);
INSERT INTO event_cursor (name, position) VALUES ('pricing-price-book-events', 0);
