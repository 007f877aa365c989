package dev.inferplan.catalog.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.inferplan.contracts.benchmarks.ExecutionProvider;
import dev.inferplan.platform.problem.Problem.FieldError;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * What a job sets for the GPU providers, all optional. CUDA: {@code cudaDeviceId} (0–63) and a
 * memory limit for its arena in bytes; TensorRT (on the same device, always with CUDA behind it):
 * fp16 kernels, an engine cache directory (an absolute path on the runner), the builder's workspace
 * in bytes. Stored as JSON in {@code benchmark_job.provider_options}.
 */
public record ProviderOptions(Integer cudaDeviceId, Long cudaMemoryLimitBytes, Boolean tensorrtFp16,
                              String tensorrtEngineCacheDir, Long tensorrtWorkspaceBytes) {

    static final int MAX_DEVICE_ID = 63;
    static final long MAX_BYTES = 1L << 50;
    static final int MAX_CACHE_DIR = 500;

    /** Each option out of range, naming it (under {@code providerOptions.}). */
    List<FieldError> problems(List<ExecutionProvider> providers) {
        List<FieldError> errors = new ArrayList<>();
        if (cudaDeviceId != null && (cudaDeviceId < 0 || cudaDeviceId > MAX_DEVICE_ID)) {
            errors.add(FieldError.field("providerOptions.cudaDeviceId", "from 0 to " + MAX_DEVICE_ID));
        }
        if (cudaMemoryLimitBytes != null && (cudaMemoryLimitBytes < 1 || cudaMemoryLimitBytes > MAX_BYTES)) {
            errors.add(FieldError.field("providerOptions.cudaMemoryLimitBytes", "from 1 to " + MAX_BYTES + " bytes"));
        }
        if (tensorrtWorkspaceBytes != null && (tensorrtWorkspaceBytes < 1 || tensorrtWorkspaceBytes > MAX_BYTES)) {
            errors.add(FieldError.field("providerOptions.tensorrtWorkspaceBytes", "from 1 to " + MAX_BYTES + " bytes"));
        }
        if (tensorrtEngineCacheDir != null && (!tensorrtEngineCacheDir.startsWith("/")
                || tensorrtEngineCacheDir.length() > MAX_CACHE_DIR || tensorrtEngineCacheDir.contains("..")
                || tensorrtEngineCacheDir.chars().anyMatch(Character::isISOControl))) {
            errors.add(FieldError.field("providerOptions.tensorrtEngineCacheDir", "an absolute path on the runner, at most "
                    + MAX_CACHE_DIR + " characters, without '..'"));
        }
        boolean tensorrt = providers.contains(ExecutionProvider.TENSORRT);
        boolean gpu = tensorrt || providers.contains(ExecutionProvider.CUDA);
        if (!gpu) {
            errors.add(FieldError.field("providerOptions", "apply to TENSORRT or CUDA, which executionProviders does not"
                    + " ask for"));
        } else if (!tensorrt && (tensorrtFp16 != null || tensorrtEngineCacheDir != null || tensorrtWorkspaceBytes != null)) {
            errors.add(FieldError.field("providerOptions", "TensorRT options without TENSORRT in executionProviders"));
        }
        return errors;
    }

    String toJson() {
        try (Jsonb jsonb = JsonbBuilder.create()) {
            return jsonb.toJson(this);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ProviderOptions fromJson(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try (Jsonb jsonb = JsonbBuilder.create()) {
            return jsonb.fromJson(json, ProviderOptions.class);
        } catch (Exception e) {
            throw new IllegalStateException("benchmark_job.provider_options is not what the catalog wrote: "
                    + json.substring(0, Math.min(40, json.length())).toLowerCase(Locale.ROOT), e);
        }
    }
}
