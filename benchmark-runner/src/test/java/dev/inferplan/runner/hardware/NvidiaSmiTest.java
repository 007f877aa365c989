package dev.inferplan.runner.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GPU detection and sampling through a stand-in nvidia-smi at a configured path, and without one. */
class NvidiaSmiTest {

    @TempDir
    Path dir;

    @Test
    void detectsEveryGpuWithItsCanonicalAcceleratorMemoryAndDriver() throws IOException {
        FakeNvidiaSmi smi = FakeNvidiaSmi.twoA10gs(dir);
        Hardware hardware = new HardwareProbe("gpu-g5", "aws/g5.12xlarge", smi.nvidiaSmi()).detect();
        assertEquals(List.of(new Hardware.Gpu(0, "NVIDIA A10G", "nvidia-a10g", 23_028, "550.54.15"),
                new Hardware.Gpu(1, "NVIDIA A10G", "nvidia-a10g", 23_028, "550.54.15")), hardware.gpus());
        assertEquals(smi.path(), hardware.gpuProbe(), "the probe names the nvidia-smi it asked");
        assertEquals(List.of("--query-gpu=index,name,memory.total,driver_version --format=csv,noheader,nounits"), smi.calls());
    }

    @Test
    void samplesUtilizationAndMemoryOfEveryGpu() throws IOException {
        FakeNvidiaSmi smi = FakeNvidiaSmi.twoA10gs(dir);
        Hardware hardware = new HardwareProbe("gpu-g5", "", smi.nvidiaSmi()).detect();
        ResourceSampler sampler = ResourceSampler.of(hardware, smi.nvidiaSmi());
        assertEquals(List.of(new ResourceSampler.GpuSample(0, 87, 1_001), new ResourceSampler.GpuSample(1, 0, 4)),
                sampler.gpuSamples());
        assertEquals(List.of(new ResourceSampler.GpuSample(0, 87, 1_002), new ResourceSampler.GpuSample(1, 0, 4)),
                sampler.gpuSamples(), "each call is a new sample");
        assertEquals(2, smi.samplingCalls());
    }

    @Test
    void withoutNvidiaSmiThereIsNoGpuNoSampleAndTheReason() throws IOException {
        NvidiaSmi absent = new NvidiaSmi(dir.resolve("not-installed/nvidia-smi").toString());
        Hardware hardware = new HardwareProbe("local-cpu", "", absent).detect();
        assertTrue(hardware.gpus().isEmpty());
        assertEquals(absent.command() + " not found: no NVIDIA GPU visible to this runner", hardware.gpuProbe());
        assertEquals(List.of(), ResourceSampler.of(hardware, absent).gpuSamples());
        assertTrue(hardware.cpuCores() >= 1 && hardware.memoryBytes() > 0, "the CPU side is detected as ever");
    }

    @Test
    void aMachineWithoutGpusIsNeverSampled() throws IOException {
        FakeNvidiaSmi smi = FakeNvidiaSmi.twoA10gs(dir);
        Hardware cpuOnly = new HardwareProbe("local-cpu", "", new NvidiaSmi(dir.resolve("absent").toString())).detect();
        assertEquals(List.of(), ResourceSampler.of(cpuOnly, smi.nvidiaSmi()).gpuSamples());
        assertEquals(0, smi.calls().size());
    }

    @Test
    void anNvidiaSmiThatFailsIsNoGpuWithWhatItSaid() throws IOException {
        FakeNvidiaSmi smi = FakeNvidiaSmi.driverNotLoaded(dir);
        Hardware hardware = new HardwareProbe("gpu-g5", "", smi.nvidiaSmi()).detect();
        assertTrue(hardware.gpus().isEmpty());
        assertTrue(hardware.gpuProbe().startsWith(smi.path() + " failed (exit 9): NVIDIA-SMI has failed because it couldn't "
                + "communicate with the NVIDIA driver."), hardware.gpuProbe());
        assertFalse(hardware.gpuProbe().contains("\n"));
    }
}
