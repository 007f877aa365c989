package dev.inferplan.runner.hardware;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HardwareProbeTest {

    @Test
    void parsesNvidiaSmiAndMapsNamesToCanonicalAccelerators() {
        // nvidia-smi --query-gpu=index,name,memory.total,driver_version --format=csv,noheader,nounits
        List<Hardware.Gpu> gpus = HardwareProbe.parseNvidiaSmi("""
                0, NVIDIA A10G, 23028, 550.54.15
                1, NVIDIA H100 80GB HBM3, 81559, 550.54.15
                2, Some Future GPU, 1024, 1.0
                """);
        assertEquals(3, gpus.size());
        assertEquals(new Hardware.Gpu(0, "NVIDIA A10G", "nvidia-a10g", 23028, "550.54.15"), gpus.get(0));
        assertEquals("nvidia-h100-80gb", gpus.get(1).accelerator());
        assertNull(gpus.get(2).accelerator(), "unknown names are kept but not guessed");
    }

    @Test
    void malformedNvidiaSmiOutputIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> HardwareProbe.parseNvidiaSmi("0, NVIDIA A10G\n"));
    }

    @Test
    void detectsThisMachineWithoutAGpuAndSaysWhy() {
        Hardware hardware = new HardwareProbe("local-cpu", " aws/c7i.large , ").detect();
        assertEquals("local-cpu", hardware.pool());
        assertEquals(List.of("aws/c7i.large"), hardware.instanceTypes());
        assertTrue(hardware.cpuCores() >= 1);
        assertTrue(hardware.memoryBytes() > 0);
        assertFalse(hardware.cpuModel().isBlank());
        if (hardware.gpus().isEmpty()) {
            assertFalse(hardware.gpuProbe().isBlank(), "no GPU must come with a reason");
        }
    }
}
