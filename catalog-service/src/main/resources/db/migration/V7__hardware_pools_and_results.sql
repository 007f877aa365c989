-- Hardware pools (one benchmark runner deployment each) and benchmark results, measured by a
-- runner or published elsewhere (cited). The job queue that produces measured results comes later.
CREATE TABLE hardware_pool (
    pool              VARCHAR(128)  NOT NULL,
    -- Comma-separated, e.g. "aws/g5.xlarge,aws/g5.2xlarge".
    instance_types    VARCHAR(2000) NOT NULL,
    accelerator       VARCHAR(64)   NOT NULL,
    accelerator_count INT           NOT NULL,
    cpu_model         VARCHAR(256)  NULL,
    cpu_cores         INT           NULL,
    memory_bytes      BIGINT        NULL,
    runner_version    VARCHAR(64)   NULL,
    registered_at     TIMESTAMP(6)  NOT NULL,
    updated_at        TIMESTAMP(6)  NOT NULL,
    version           BIGINT        NOT NULL,
    CONSTRAINT pk_hardware_pool PRIMARY KEY (pool)
);

CREATE TABLE benchmark_result (
    id                 BIGINT         NOT NULL AUTO_INCREMENT,
    model_version_id   BIGINT         NOT NULL,
    pool               VARCHAR(128)   NOT NULL,
    scenario           VARCHAR(16)    NOT NULL,
    batch_size         INT            NOT NULL,
    concurrency        INT            NOT NULL,
    throughput_per_s   DOUBLE         NOT NULL,
    latency_p50_ms     DOUBLE         NULL,
    latency_p90_ms     DOUBLE         NULL,
    latency_p95_ms     DOUBLE         NULL,
    latency_p99_ms     DOUBLE         NULL,
    latency_max_ms     DOUBLE         NULL,
    queries            BIGINT         NOT NULL,
    duration_seconds   DOUBLE         NOT NULL,
    valid              BOOLEAN        NOT NULL,
    invalid_reason     VARCHAR(1000)  NULL,
    execution_provider VARCHAR(32)    NULL,
    ort_version        VARCHAR(32)    NULL,
    hardware           VARCHAR(1000)  NULL,
    provenance_kind    VARCHAR(16)    NOT NULL,
    provenance_source  VARCHAR(1000)  NOT NULL,
    created_at         TIMESTAMP(6)   NOT NULL,
    created_by         VARCHAR(128)   NOT NULL,
    CONSTRAINT pk_benchmark_result PRIMARY KEY (id),
    CONSTRAINT fk_benchmark_result_version FOREIGN KEY (model_version_id) REFERENCES model_version (id),
    CONSTRAINT fk_benchmark_result_pool FOREIGN KEY (pool) REFERENCES hardware_pool (pool)
);
CREATE INDEX ix_result_version_pool ON benchmark_result (model_version_id, pool, id);
CREATE INDEX ix_result_pool ON benchmark_result (pool, id);

-- Which seed data sets have been loaded (the seed runs once per data set).
CREATE TABLE seed_run (
    name       VARCHAR(64)  NOT NULL,
    applied_at TIMESTAMP(6) NOT NULL,
    items      INT          NOT NULL,
    CONSTRAINT pk_seed_run PRIMARY KEY (name)
);
