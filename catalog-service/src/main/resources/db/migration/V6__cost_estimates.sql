-- Cost estimates attached to a version (from the recommender or a team): exact USD, never floats.
CREATE TABLE cost_estimate (
    id               BIGINT          NOT NULL AUTO_INCREMENT,
    model_version_id BIGINT          NOT NULL,
    pool             VARCHAR(128)    NULL,
    instance_type    VARCHAR(128)    NULL,
    purchase_option  VARCHAR(24)     NOT NULL,
    cost_per_1k_usd  DECIMAL(24, 10) NOT NULL,
    monthly_usd      DECIMAL(24, 10) NULL,
    assumptions      VARCHAR(2000)   NULL,
    source           VARCHAR(1000)   NOT NULL,
    created_at       TIMESTAMP(6)    NOT NULL,
    created_by       VARCHAR(128)    NOT NULL,
    CONSTRAINT pk_cost_estimate PRIMARY KEY (id),
    CONSTRAINT fk_cost_estimate_version FOREIGN KEY (model_version_id) REFERENCES model_version (id)
);
CREATE INDEX ix_cost_estimate_version ON cost_estimate (model_version_id, cost_per_1k_usd);
