package dev.inferplan.runner.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.inferplan.contracts.artifacts.ArtifactUriPolicy;
import dev.inferplan.runner.execution.OrtRuntime;
import dev.inferplan.runner.hardware.FakeNvidiaSmi;
import dev.inferplan.runner.hardware.GpuUsage;
import dev.inferplan.runner.hardware.Hardware;
import dev.inferplan.runner.hardware.HardwareProbe;
import dev.inferplan.runner.hardware.NvidiaSmi;
import dev.inferplan.runner.hardware.ResourceSampler;
import dev.inferplan.runner.hardware.ResourceSampler.GpuSample;
import dev.inferplan.runner.models.ModelCache;
import dev.inferplan.runner.scenarios.RunRules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job on the real int8 model with the GPUs a stand-in nvidia-smi reports: the figures sampled
 * while it ran come back with its result; without nvidia-smi the job runs the same, without them.
 */
class GpuSamplingTest {

    @TempDir
    Path dir;

    private JobOutcome run(NvidiaSmi nvidiaSmi) {
        Hardware hardware = new HardwareProbe("gpu-g5", "aws/g5.12xlarge", nvidiaSmi).detect();
        JobExecutor executor = new JobExecutor(new ModelCache(dir.resolve("models"), ArtifactUriPolicy.unrestricted()), new OrtRuntime(), hardware, "test",
                ResourceSampler.of(hardware, nvidiaSmi), RunRules.Generator.DEFAULT);
        JobOutcome outcome = executor.execute(Jobs.int8Offline(21), new Jobs.QuietControl());
        assertTrue(outcome.succeeded(), outcome.failureReason());
        return outcome;
    }

    @Test
    void gpuMemoryAndUtilizationSampledDuringTheRunComeWithTheResult() throws IOException {
        FakeNvidiaSmi smi = FakeNvidiaSmi.twoA10gs(dir);
        PointResult point = run(smi.nvidiaSmi()).points().get(0);
        assertEquals(List.of("nvidia-a10g", "nvidia-a10g"),
                point.hardware().gpus().stream().map(Hardware.Gpu::accelerator).toList());
        long samples = smi.samplingCalls();
        assertTrue(samples >= point.windows().size(), "sampled at every window's end: " + samples + " for "
                + point.windows().size() + " windows");
        // the last window's sample: GPU 0's memory counts the calls (1,000 + n), so it is the n-th one
        assertEquals(List.of(new GpuSample(0, 87, 1_000 + samples), new GpuSample(1, 0, 4)), point.gpu());
        // and every sample of the run, per GPU: GPU 0's memory went 1,001 … 1,000 + n, so its mean is the middle
        assertEquals(List.of(new GpuUsage.Summary(0, (int) samples, 87, 87, 1_000 + (samples + 1) / 2.0, 1_000 + samples),
                new GpuUsage.Summary(1, (int) samples, 0, 0, 4, 4)), point.gpuSummary());
    }

    @Test
    void withoutNvidiaSmiTheJobRunsAndReportsNoGpuFigures() {
        PointResult point = run(new NvidiaSmi(dir.resolve("absent/nvidia-smi").toString())).points().get(0);
        assertTrue(point.hardware().gpus().isEmpty());
        assertTrue(point.hardware().gpuProbe().endsWith("not found: no NVIDIA GPU visible to this runner"),
                point.hardware().gpuProbe());
        assertEquals(List.of(), point.gpu());
        assertEquals(List.of(), point.gpuSummary());
        assertTrue(point.throughputPerS() > 0);
    }
}
