package dev.inferplan.runner.execution;

import static dev.inferplan.runner.execution.ExecutionProvider.CPU;
import static dev.inferplan.runner.execution.ExecutionProvider.CUDA;
import static dev.inferplan.runner.execution.ExecutionProvider.TENSORRT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.inferplan.runner.BenchmarkFailure;

import org.junit.jupiter.api.Test;

class ProviderSelectionTest {

    private static final Set<ExecutionProvider> GPU_BUILD = EnumSet.allOf(ExecutionProvider.class);
    private final List<ExecutionProvider> installed = new ArrayList<>();

    /** A machine whose GPU libraries are missing: every GPU provider refuses, as on this CPU-only host. */
    private ProviderSelection.Installer noGpu() {
        return p -> {
            installed.add(p);
            throw new Exception(p + ": Failed to load shared library");
        };
    }

    private ProviderSelection.Installer working() {
        return installed::add;
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
        ProviderDecision d = ProviderSelection.decide(List.of(TENSORRT), true, GPU_BUILD, p -> {
            installed.add(p);
            if (p == TENSORRT) {
                throw new Exception("libnvinfer.so.10 missing");
            }
        });
        assertEquals(CUDA, d.ran());
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
