-- The price book: every import creates one version per provider (or is refused whole); the
-- previous version stays readable "as of" any instant before it was superseded.
CREATE TABLE price_book_version (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    provider      VARCHAR(32)  NOT NULL,
    created_at    TIMESTAMP(6) NOT NULL,
    superseded_at TIMESTAMP(6) NULL,
    format        VARCHAR(32)  NOT NULL,
    source_name   VARCHAR(255) NOT NULL,
    source_sha256 CHAR(64)     NOT NULL,
    offer_count   INT          NOT NULL,
    imported_by   VARCHAR(128) NOT NULL,
    CONSTRAINT pk_price_book_version PRIMARY KEY (id)
);
CREATE INDEX ix_pbv_provider_time ON price_book_version (provider, created_at);

-- Offers normalized to exact USD per hour (DECIMAL, never floating point). offer_key is what
-- makes an offer unique within a version; duplicates in one file are found with it before commit.
CREATE TABLE price_offer (
    id                       BIGINT         NOT NULL AUTO_INCREMENT,
    version_id               BIGINT         NOT NULL,
    provider                 VARCHAR(32)    NOT NULL,
    region                   VARCHAR(64)    NOT NULL,
    zone                     VARCHAR(64)    NOT NULL,
    instance_type            VARCHAR(128)   NOT NULL,
    offer_kind               VARCHAR(32)    NOT NULL,
    accelerator              VARCHAR(64)    NULL,
    accelerator_count        DECIMAL(10, 4) NOT NULL,
    accelerator_memory_gib   DECIMAL(10, 2) NULL,
    vcpus                    DECIMAL(10, 2) NULL,
    memory_gib               DECIMAL(12, 3) NULL,
    cpu_architecture         VARCHAR(32)    NULL,
    purchase_option          VARCHAR(24)    NOT NULL,
    hourly_usd               DECIMAL(24, 10) NOT NULL,
    per_accelerator_hour_usd DECIMAL(24, 10) NULL,
    per_vcpu_hour_usd        DECIMAL(24, 10) NULL,
    upfront_usd              DECIMAL(24, 10) NULL,
    source_price             DECIMAL(24, 10) NOT NULL,
    source_currency          CHAR(3)        NOT NULL,
    source_unit              VARCHAR(32)    NOT NULL,
    source_line              BIGINT         NOT NULL,
    offer_key                VARCHAR(400)   NOT NULL,
    CONSTRAINT pk_price_offer PRIMARY KEY (id),
    CONSTRAINT fk_price_offer_version FOREIGN KEY (version_id) REFERENCES price_book_version (id)
);
CREATE INDEX ix_offer_version_key ON price_offer (version_id, offer_key);
CREATE INDEX ix_offer_version_accelerator ON price_offer (version_id, accelerator, per_accelerator_hour_usd);
CREATE INDEX ix_offer_version_price ON price_offer (version_id, hourly_usd);

-- Import runs and what they rejected, kept whether the import succeeded or not.
CREATE TABLE import_run (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    provider       VARCHAR(32)   NOT NULL,
    format         VARCHAR(32)   NOT NULL,
    mode           VARCHAR(16)   NOT NULL,
    source_name    VARCHAR(255)  NOT NULL,
    source_bytes   BIGINT        NOT NULL,
    status         VARCHAR(16)   NOT NULL,
    progress       DECIMAL(5, 2) NOT NULL,
    eta_seconds    BIGINT        NULL,
    rows_read      BIGINT        NOT NULL,
    offers_created BIGINT        NOT NULL,
    rejected_count BIGINT        NOT NULL,
    detail         VARCHAR(2000) NULL,
    version_id     BIGINT        NULL,
    started_at     TIMESTAMP(6)  NOT NULL,
    finished_at    TIMESTAMP(6)  NULL,
    started_by     VARCHAR(128)  NOT NULL,
    CONSTRAINT pk_import_run PRIMARY KEY (id)
);

CREATE TABLE import_rejection (
    import_id   BIGINT        NOT NULL,
    seq         INT           NOT NULL,
    line        BIGINT        NOT NULL,
    column_name VARCHAR(400)  NULL,
    reason      VARCHAR(1000) NOT NULL,
    CONSTRAINT pk_import_rejection PRIMARY KEY (import_id, seq),
    CONSTRAINT fk_import_rejection_run FOREIGN KEY (import_id) REFERENCES import_run (id)
);
