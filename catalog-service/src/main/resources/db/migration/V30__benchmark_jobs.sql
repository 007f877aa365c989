-- The benchmark job queue: a job asks one pool's runner to measure one model version in one
-- scenario over a sweep. Runners lease jobs (LEASED, then RUNNING once they heartbeat); a lease
-- that expires without a heartbeat makes the job leasable again (attempts + 1) or FAILED once the
-- attempts are spent. Lists are comma-separated integers.
CREATE TABLE benchmark_job (
    id                  BIGINT        NOT NULL AUTO_INCREMENT,
    model_version_id    BIGINT        NOT NULL,
    pool                VARCHAR(128)  NOT NULL,
    scenario            VARCHAR(16)   NOT NULL,
    batch_sizes         VARCHAR(1000) NOT NULL,
    concurrencies       VARCHAR(1000) NOT NULL,
    threads             VARCHAR(1000) NOT NULL,
    sequence_length     INT           NOT NULL,
    duration_seconds    INT           NOT NULL,
    target_qps          DOUBLE        NULL,
    latency_bound_ms    DOUBLE        NULL,
    -- Comma-separated, in the order asked for (TENSORRT, CUDA, CPU).
    execution_providers VARCHAR(200)  NOT NULL,
    allow_fallback      BOOLEAN       NOT NULL,
    -- Departures from the standard run rules (null: the standard), recorded with the results.
    min_queries         BIGINT        NULL,
    window_seconds      DOUBLE        NULL,
    warmup_seconds      DOUBLE        NULL,
    status              VARCHAR(16)   NOT NULL,
    attempts            INT           NOT NULL,
    max_attempts        INT           NOT NULL,
    lease_token         VARCHAR(64)   NULL,
    leased_by           VARCHAR(256)  NULL,
    lease_expires_at    TIMESTAMP(6)  NULL,
    progress_percent    DOUBLE        NULL,
    eta_seconds         BIGINT        NULL,
    failure_reason      VARCHAR(2000) NULL,
    submitted_at        TIMESTAMP(6)  NOT NULL,
    submitted_by        VARCHAR(128)  NOT NULL,
    started_at          TIMESTAMP(6)  NULL,
    finished_at         TIMESTAMP(6)  NULL,
    updated_at          TIMESTAMP(6)  NOT NULL,
    version             BIGINT        NOT NULL,
    CONSTRAINT pk_benchmark_job PRIMARY KEY (id),
    CONSTRAINT fk_benchmark_job_version FOREIGN KEY (model_version_id) REFERENCES model_version (id),
    CONSTRAINT fk_benchmark_job_pool FOREIGN KEY (pool) REFERENCES hardware_pool (pool)
);
-- Leasing reads the oldest leasable job of a pool; the reaper reads expired leases.
CREATE INDEX ix_job_pool_status ON benchmark_job (pool, status, id);
CREATE INDEX ix_job_status_expiry ON benchmark_job (status, lease_expires_at);
CREATE INDEX ix_job_version ON benchmark_job (model_version_id, id);

-- Reports recorded, by the runner's idempotency key: a retried report finds its key here and
-- gets the earlier outcome back instead of a second set of results.
CREATE TABLE benchmark_job_report (
    idempotency_key VARCHAR(256)  NOT NULL,
    job_id          BIGINT        NOT NULL,
    lease_token     VARCHAR(64)   NOT NULL,
    succeeded       BOOLEAN       NOT NULL,
    result_ids      VARCHAR(4000) NOT NULL,
    recorded_at     TIMESTAMP(6)  NOT NULL,
    recorded_by     VARCHAR(128)  NOT NULL,
    CONSTRAINT pk_benchmark_job_report PRIMARY KEY (idempotency_key),
    CONSTRAINT fk_benchmark_job_report_job FOREIGN KEY (job_id) REFERENCES benchmark_job (id)
);

-- A measured result names its job and the configuration it ran with; the curves read threads,
-- target and achieved QPS as columns, the rest (session options, sha256, runner version, ...) is JSON.
ALTER TABLE benchmark_result ADD COLUMN job_id BIGINT NULL;
ALTER TABLE benchmark_result ADD COLUMN intra_op_threads INT NULL;
ALTER TABLE benchmark_result ADD COLUMN target_qps DOUBLE NULL;
ALTER TABLE benchmark_result ADD COLUMN achieved_qps DOUBLE NULL;
ALTER TABLE benchmark_result ADD COLUMN config TEXT NULL;
CREATE INDEX ix_result_job ON benchmark_result (job_id, id);
