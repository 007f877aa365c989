-- Quality metrics with provenance: PUBLISHED (cited source) or MEASURED (the run that produced it).
-- Exact decimals: thresholds compare them exactly.
CREATE TABLE quality_metric (
    id                BIGINT         NOT NULL AUTO_INCREMENT,
    model_version_id  BIGINT         NOT NULL,
    name              VARCHAR(64)    NOT NULL,
    metric_value      DECIMAL(20, 6) NOT NULL,
    dataset           VARCHAR(128)   NOT NULL,
    split             VARCHAR(64)    NOT NULL,
    higher_is_better  BOOLEAN        NOT NULL,
    provenance_kind   VARCHAR(16)    NOT NULL,
    provenance_source VARCHAR(1000)  NOT NULL,
    created_at        TIMESTAMP(6)   NOT NULL,
    created_by        VARCHAR(128)   NOT NULL,
    CONSTRAINT pk_quality_metric PRIMARY KEY (id),
    CONSTRAINT fk_quality_metric_version FOREIGN KEY (model_version_id) REFERENCES model_version (id)
);
CREATE INDEX ix_metric_version ON quality_metric (model_version_id, name, metric_value);
CREATE INDEX ix_metric_name_value ON quality_metric (name, metric_value, model_version_id);
