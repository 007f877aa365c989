package dev.inferplan.runner.execution;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a job sets for the GPU providers. CUDA: the device and a memory limit for its arena (0: no
 * limit). TensorRT (on the same device): fp16 kernels, a directory to cache built engines in (empty:
 * none, every session builds its engines again, which takes minutes on large models) and the
 * builder's workspace (0: ONNX Runtime's default).
 */
public record ProviderOptions(int cudaDeviceId, long cudaMemoryLimitBytes, boolean tensorrtFp16,
                              String tensorrtEngineCacheDir, long tensorrtWorkspaceBytes) {

    public static final ProviderOptions DEFAULT = new ProviderOptions(0, 0, false, "", 0);

    public ProviderOptions {
        if (cudaDeviceId < 0 || cudaMemoryLimitBytes < 0 || tensorrtWorkspaceBytes < 0) {
            throw new IllegalArgumentException("provider options cannot be negative");
        }
        tensorrtEngineCacheDir = tensorrtEngineCacheDir == null ? "" : tensorrtEngineCacheDir;
    }

    /** ONNX Runtime's CUDA provider options by their keys (OrtCUDAProviderOptions). */
    public Map<String, String> cuda() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("device_id", Integer.toString(cudaDeviceId));
        if (cudaMemoryLimitBytes > 0) {
            options.put("gpu_mem_limit", Long.toString(cudaMemoryLimitBytes));
        }
        return options;
    }

    /** ONNX Runtime's TensorRT provider options by their keys (OrtTensorRTProviderOptions). */
    public Map<String, String> tensorrt() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("device_id", Integer.toString(cudaDeviceId));
        if (tensorrtFp16) {
            options.put("trt_fp16_enable", "1");
        }
        if (!tensorrtEngineCacheDir.isBlank()) {
            options.put("trt_engine_cache_enable", "1");
            options.put("trt_engine_cache_path", tensorrtEngineCacheDir);
        }
        if (tensorrtWorkspaceBytes > 0) {
            options.put("trt_max_workspace_size", Long.toString(tensorrtWorkspaceBytes));
        }
        return options;
    }

    /** For the result's session options: only what differs from the defaults. */
    public String describe() {
        return this.equals(DEFAULT) ? "" : "cuda " + cuda() + ", tensorrt " + tensorrt();
    }
}
