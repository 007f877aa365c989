-- What a job sets for the GPU providers (JSON: cudaDeviceId, cudaMemoryLimitBytes, tensorrtFp16,
-- tensorrtEngineCacheDir, tensorrtWorkspaceBytes); NULL: ONNX Runtime's defaults.
ALTER TABLE benchmark_job ADD COLUMN provider_options VARCHAR(1000) NULL;
