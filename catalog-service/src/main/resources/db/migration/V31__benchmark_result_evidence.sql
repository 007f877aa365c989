-- What a measured point is worth, as its own columns (the gate and the model card read them):
-- status VALID / INVALID / UNSTABLE (valid is true only for VALID), whether the run followed MLPerf's
-- rules and, if not, which it broke. Results stored before this carried no status: theirs follows
-- valid; their MLPerf compliance is unknown (NULL), so a measured one no longer counts for the gate.
ALTER TABLE benchmark_result ADD COLUMN status VARCHAR(16) NULL;
ALTER TABLE benchmark_result ADD COLUMN mlperf_compliant BOOLEAN NULL;
ALTER TABLE benchmark_result ADD COLUMN mlperf_rule_broken VARCHAR(1000) NULL;
UPDATE benchmark_result SET status = CASE WHEN valid THEN 'VALID' ELSE 'INVALID' END;

-- Each measured point's latency distribution: every query's latency in nanoseconds, HdrHistogram's
-- compressed encoding (a few KB), served at GET /api/benchmarks/results/{id}/histogram so that
-- readers compose distributions from it rather than from percentiles.
CREATE TABLE benchmark_result_histogram (
    result_id          BIGINT       NOT NULL,
    encoding           VARCHAR(64)  NOT NULL,
    unit               VARCHAR(8)   NOT NULL,
    total_count        BIGINT       NOT NULL,
    data               BLOB         NOT NULL,
    CONSTRAINT pk_benchmark_result_histogram PRIMARY KEY (result_id),
    CONSTRAINT fk_benchmark_result_histogram_result FOREIGN KEY (result_id) REFERENCES benchmark_result (id)
);
