-- A job is a benchmark (the default) or a fidelity check: a derived version (quantized, distilled,
-- ...) against its parent on the same fixed inputs, whose figures are stored as MEASURED quality
-- metrics of the derived version. reference_model_version_id: the parent it was compared with.
ALTER TABLE benchmark_job ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'BENCHMARK';
ALTER TABLE benchmark_job ADD COLUMN reference_model_version_id BIGINT NULL;
