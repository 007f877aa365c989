package dev.inferplan.runner.execution;

import static dev.inferplan.contracts.benchmarks.ExecutionProvider.CPU;
import static dev.inferplan.contracts.benchmarks.ExecutionProvider.CUDA;
import static dev.inferplan.contracts.benchmarks.ExecutionProvider.TENSORRT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.inferplan.contracts.benchmarks.ExecutionProvider;
import dev.inferplan.runner.BenchmarkFailure;

import org.junit.jupiter.api.Test;

class ProviderSelectionTest {

    private static final Set<ExecutionProvider> GPU_BUILD = EnumSet.allOf(ExecutionProvider.class);
    private final List<ExecutionProvider> installed = new ArrayList<>();

    /** A machine whose GPU libraries are missing: every GPU provider refuses, as on this CPU-only host. */
    private ProviderSelection.Installer noGpu() {
        return chain -> {
            installed.add(chain.get(0));
            throw new Exception(chain.get(0) + ": Failed to load shared library");
        };
    }

    private final List<List<ExecutionProvider>> chains = new ArrayList<>();

    private ProviderSelection.Installer working() {
        return chain -> {
            chains.add(chain);
            installed.add(chain.get(0));
        };
    }

    @Test
    void cpuRequestedRunsOnCpuWithoutTryingAnythingElse() {
        ProviderDecision d = ProviderSelection.decide(List.of(CPU), false, GPU_BUILD, noGpu());
        assertEquals(CPU, d.ran());
        assertTrue(installed.isEmpty());
        assertFalse(d.fellBack());
    }

    @Test
    void nothingRequestedMeansCpu() {
        assertEquals(CPU, ProviderSelection.decide(List.of(), false, GPU_BUILD, noGpu()).ran());
    }

    @Test
    void cudaAvailableIsUsed() {
        ProviderDecision d = ProviderSelection.decide(List.of(CUDA), false, GPU_BUILD, working());
        assertEquals(CUDA, d.ran());
        assertEquals(List.of(CUDA), installed);
    }

    @Test
    void cudaRefusedWithoutFallbackFailsWithTheRuntimesReason() {
        BenchmarkFailure f = assertThrows(BenchmarkFailure.class,
                () -> ProviderSelection.decide(List.of(CUDA), false, GPU_BUILD, noGpu()));
        assertEquals(BenchmarkFailure.Kind.PROVIDER_REFUSED, f.kind());
        assertEquals("requested [CUDA] without fallback: CUDA refused: CUDA: Failed to load shared library", f.getMessage());
        assertEquals(List.of(CUDA), installed, "CPU is never tried without fallback");
    }

    @Test
    void tensorRtFallsBackThroughCudaToCpuInThatOrder() {
        ProviderDecision d = ProviderSelection.decide(List.of(TENSORRT), true, GPU_BUILD, noGpu());
        assertEquals(CPU, d.ran());
        assertEquals(List.of(TENSORRT, CUDA), installed);
        assertTrue(d.fellBack());
        assertEquals(List.of(TENSORRT, CUDA, CPU), d.attempts().stream().map(ProviderDecision.Attempt::provider).toList());
        assertTrue(d.describe().startsWith("CPU (requested [TENSORRT]; TENSORRT: refused"), d.describe());
        assertTrue(d.describe().endsWith("fell back)"), d.describe());
    }

    @Test
    void tensorRtRefusedFallsBackToAWorkingCuda() {
        ProviderDecision d = ProviderSelection.decide(List.of(TENSORRT), true, GPU_BUILD, chain -> {
            installed.add(chain.get(0));
            if (chain.contains(TENSORRT)) {
                throw new Exception("libnvinfer.so.10 missing");
            }
        });
        assertEquals(CUDA, d.ran());
        assertEquals("CUDA (requested [TENSORRT]; TENSORRT: refused: libnvinfer.so.10 missing; fell back)", d.describe());
    }

    @Test
    void tensorRtIsRegisteredOnlyWithCudaBehindIt() {
        ProviderDecision d = ProviderSelection.decide(List.of(TENSORRT), false, GPU_BUILD, working());
        assertEquals(TENSORRT, d.ran());
        assertEquals(List.of(List.of(TENSORRT, CUDA)), chains, "TensorRT first, CUDA behind it, in one registration");
        assertEquals("used, with [CUDA] behind it", d.attempts().get(0).outcome());
    }

    @Test
    void tensorRtWhoseCudaRefusesIsRefusedAsAWhole() {
        // TensorRT's own library loads, CUDA's does not: TensorRT alone is never registered
        BenchmarkFailure f = assertThrows(BenchmarkFailure.class, () -> ProviderSelection.decide(List.of(TENSORRT), false,
                GPU_BUILD, chain -> {
                    if (chain.contains(CUDA)) {
                        throw new Exception("CUDA: libcublasLt.so.12 missing");
                    }
                }));
        assertEquals("requested [TENSORRT] without fallback: TENSORRT refused: CUDA: libcublasLt.so.12 missing",
                f.getMessage());
    }

    @Test
    void tensorRtInABuildWithoutCudaIsNotTried() {
        BenchmarkFailure f = assertThrows(BenchmarkFailure.class, () -> ProviderSelection.decide(List.of(TENSORRT), false,
                EnumSet.of(TENSORRT, CPU), working()));
        assertEquals("requested [TENSORRT] without fallback: TENSORRT needs [CUDA] behind it, not in this ONNX Runtime"
                + " build", f.getMessage());
        assertTrue(chains.isEmpty());
    }

    @Test
    void providerOptionsBecomeOnnxRuntimesKeys() {
        ProviderOptions options = new ProviderOptions(1, 8L << 30, true, "/var/cache/trt", 2L << 30);
        assertEquals(java.util.Map.of("device_id", "1", "gpu_mem_limit", "8589934592"), options.cuda());
        assertEquals(java.util.Map.of("device_id", "1", "trt_fp16_enable", "1", "trt_engine_cache_enable", "1",
                "trt_engine_cache_path", "/var/cache/trt", "trt_max_workspace_size", "2147483648"), options.tensorrt());
        assertEquals(java.util.Map.of("device_id", "0"), ProviderOptions.DEFAULT.cuda());
        assertEquals(java.util.Map.of("device_id", "0"), ProviderOptions.DEFAULT.tensorrt());
        assertEquals("", ProviderOptions.DEFAULT.describe());
        assertThrows(IllegalArgumentException.class, () -> new ProviderOptions(-1, 0, false, "", 0));
    }

    @Test
    void aProviderMissingFromTheBuildIsSkippedWithoutTryingIt() {
        ProviderDecision d = ProviderSelection.decide(List.of(CUDA), true, EnumSet.of(CPU), noGpu());
        assertEquals(CPU, d.ran());
        assertTrue(installed.isEmpty());
        assertEquals("not in this ONNX Runtime build", d.attempts().get(0).outcome());
    }

    @Test
    void cpuOnlyBuildWithoutFallbackRefusesCuda() {
        BenchmarkFailure f = assertThrows(BenchmarkFailure.class,
                () -> ProviderSelection.decide(List.of(CUDA), false, EnumSet.of(CPU), noGpu()));
        assertTrue(f.getMessage().contains("CUDA not in this ONNX Runtime build"), f.getMessage());
    }

    @Test
    void providerNamesParseInEitherSpelling() {
        assertEquals(TENSORRT, ExecutionProvider.parse("tensor_rt"));
        assertEquals(CUDA, ExecutionProvider.parse("cuda"));
        assertThrows(IllegalArgumentException.class, () -> ExecutionProvider.parse("ROCM"));
    }
}
