package dev.inferplan.pricing.imports.skypilot;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SkyPilot's attachment rules for GCP (gcp_catalog.py), case by case. */
class GcpAttachableHostsTest {

    private static boolean carries(String host, int vcpus, int memory, String zone, String name, String id, int count) {
        return GcpAttachableHosts.carries(host, BigDecimal.valueOf(vcpus), BigDecimal.valueOf(memory), zone, name, id,
                BigDecimal.valueOf(count));
    }

    @Test
    void n1HostsCarryT4V100P4P100UpToTheirLimits() {
        assertTrue(carries("n1-standard-4", 4, 15, "us-central1-a", "T4", "nvidia-t4", 1));
        assertTrue(carries("n1-highmem-32", 32, 208, "us-central1-a", "T4", "nvidia-t4", 2), "48 vCPUs / 312 GiB");
        assertFalse(carries("n1-standard-64", 64, 240, "us-central1-a", "T4", "nvidia-t4", 1), "64 > 48 vCPUs");
        assertTrue(carries("n1-standard-96", 96, 360, "us-central1-a", "T4", "nvidia-t4", 4));
        assertFalse(carries("n1-standard-4", 4, 15, "us-central1-a", "T4", "nvidia-t4", 8), "GCP sells no 8 × T4");
        assertFalse(carries("n1-standard-16", 16, 60, "us-central1-a", "V100", "nvidia-v100-16gb", 1), "12 vCPUs at most");
        assertTrue(carries("n1-highmem-8", 8, 52, "us-central1-a", "V100", "nvidia-v100-16gb", 1));
        assertTrue(carries("n1-highcpu-96", 96, 86, "us-central1-a", "P4", "nvidia-p4", 4));
        assertTrue(carries("n1-standard-96", 96, 360, "us-central1-c", "P100", "nvidia-p100", 4));
        assertFalse(carries("n1-standard-96", 96, 360, "us-east1-c", "P100", "nvidia-p100", 4),
                "P100 × 4 in us-east1-c: at most 64 vCPUs / 208 GiB");
        assertTrue(carries("n1-standard-4", 4, 15, "us-central1-a", "nvidia-tesla-t4", "nvidia-t4", 1),
                "any spelling of T4 resolved to its id");
    }

    @Test
    void gpuHostsCarryExactlyTheirOwnGpusAndOtherFamiliesNone() {
        assertTrue(carries("a2-highgpu-1g", 12, 85, "us-central1-a", "A100", "nvidia-a100-40gb", 1));
        assertFalse(carries("a2-highgpu-1g", 12, 85, "us-central1-a", "A100", "nvidia-a100-40gb", 4));
        assertFalse(carries("a2-highgpu-1g", 12, 85, "us-central1-a", "A100-80GB", "nvidia-a100-80gb", 1));
        assertTrue(carries("a3-megagpu-8g", 208, 1872, "us-central1-a", "H100-MEGA", "nvidia-h100-80gb", 8));
        assertFalse(carries("a3-megagpu-8g", 208, 1872, "us-central1-a", "H100", "nvidia-h100-80gb", 8),
                "the H100 row prices a3-highgpu's GPUs, not a3-mega's");
        assertTrue(carries("g2-standard-24", 24, 96, "us-central1-a", "L4", "nvidia-l4", 2));
        assertFalse(carries("n1-standard-8", 8, 30, "us-central1-a", "L4", "nvidia-l4", 1), "L4 only on G2");
        assertFalse(carries("n2-standard-8", 8, 32, "us-central1-a", "T4", "nvidia-t4", 1), "T4 only on N1");
        assertFalse(carries("n1-standard-8", 8, 30, "us-central1-a", "A100", "nvidia-a100-40gb", 1));
    }
}
