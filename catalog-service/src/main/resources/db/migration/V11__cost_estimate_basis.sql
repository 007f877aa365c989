-- What a cost estimate rests on (issue 12, the cost gate): REPORT, a saved recommender report (its id,
-- the plan's provider, region and the price-book versions it was priced from), or MANUAL, a figure
-- typed by hand (every estimate recorded before V11). The gate accepts a MANUAL one only with a
-- reviewer's stated reason (cost_estimate_acceptance).
ALTER TABLE cost_estimate ADD COLUMN basis VARCHAR(16) DEFAULT 'MANUAL' NOT NULL;
ALTER TABLE cost_estimate ADD COLUMN report_id BIGINT NULL;
ALTER TABLE cost_estimate ADD COLUMN plan_rank INT NULL;
ALTER TABLE cost_estimate ADD COLUMN provider VARCHAR(64) NULL;
ALTER TABLE cost_estimate ADD COLUMN region VARCHAR(64) NULL;
-- Comma-separated price-book version ids, e.g. "12,15".
ALTER TABLE cost_estimate ADD COLUMN price_book_versions VARCHAR(1000) NULL;

-- A reviewer's (or admin's) stated reason to accept a hand-typed estimate for the gate; one per estimate.
CREATE TABLE cost_estimate_acceptance (
    cost_estimate_id BIGINT        NOT NULL,
    reason           VARCHAR(2000) NOT NULL,
    accepted_by      VARCHAR(128)  NOT NULL,
    accepted_at      TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_cost_estimate_acceptance PRIMARY KEY (cost_estimate_id),
    CONSTRAINT fk_cost_estimate_acceptance FOREIGN KEY (cost_estimate_id) REFERENCES cost_estimate (id)
);
