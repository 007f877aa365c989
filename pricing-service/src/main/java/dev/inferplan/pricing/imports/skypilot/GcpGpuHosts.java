package dev.inferplan.pricing.imports.skypilot;

import java.util.Map;
import java.util.Optional;

/**
 * The GPUs that come with GCP's accelerator-optimized machine types (A2, A3, A4, G2).
 *
 * <p>In SkyPilot's GCP catalog such a VM row prices <b>only the host</b> (vCPUs and memory): the
 * catalog fetcher ({@code sky/catalog/data_fetchers/fetch_gcp.py}, {@code get_vm_price}) adds up
 * the CPU and RAM SKUs and skips GPU SKUs, and SkyPilot's price of "A100:1 on GCP"
 * ({@code sky/catalog/gcp_catalog.py}, {@code list_accelerators}) is this host row plus the
 * attachable row of the same zone for that GPU name and count. Example, us-central1-a:
 * a2-highgpu-1g 0.73948 + A100×1 2.93391 = 3.67339 USD/h. The machine cannot be had without its
 * GPUs, so a plan that uses one of these types must add the attachable accelerator offer this
 * table names; the reader imports the host row as written (no accelerator) so that no
 * per-accelerator price is ever derived from a host-only price.
 *
 * <p>The table is SkyPilot's {@code _ACC_INSTANCE_TYPE_DICTS} ({@code gcp_catalog.py}) plus the
 * {@code a3-edgegpu-8g} and {@code -nolssd} variants present in the catalog, which GCP's GPU
 * machine-type documentation lists with the same GPUs as their siblings (A3 Edge: 8 × H100 80GB;
 * {@code -nolssd}: the same machine without local SSD). SkyPilot's own table does not have those
 * three, so which attachable row prices their GPUs is not established by SkyPilot.
 */
public final class GcpGpuHosts {

    /**
     * The GPUs a machine type carries, by the catalog's {@code AcceleratorName} of the attachable
     * row that prices them (resolve it through the accelerator vocabulary for the canonical id).
     */
    public record HostedGpus(String acceleratorName, int count) {
    }

    private static final Map<String, HostedGpus> TABLE = Map.ofEntries(
            Map.entry("a2-highgpu-1g", new HostedGpus("A100", 1)),
            Map.entry("a2-highgpu-2g", new HostedGpus("A100", 2)),
            Map.entry("a2-highgpu-4g", new HostedGpus("A100", 4)),
            Map.entry("a2-highgpu-8g", new HostedGpus("A100", 8)),
            Map.entry("a2-megagpu-16g", new HostedGpus("A100", 16)),
            Map.entry("a2-ultragpu-1g", new HostedGpus("A100-80GB", 1)),
            Map.entry("a2-ultragpu-2g", new HostedGpus("A100-80GB", 2)),
            Map.entry("a2-ultragpu-4g", new HostedGpus("A100-80GB", 4)),
            Map.entry("a2-ultragpu-8g", new HostedGpus("A100-80GB", 8)),
            Map.entry("g2-standard-4", new HostedGpus("L4", 1)),
            Map.entry("g2-standard-8", new HostedGpus("L4", 1)),
            Map.entry("g2-standard-12", new HostedGpus("L4", 1)),
            Map.entry("g2-standard-16", new HostedGpus("L4", 1)),
            Map.entry("g2-standard-32", new HostedGpus("L4", 1)),
            Map.entry("g2-standard-24", new HostedGpus("L4", 2)),
            Map.entry("g2-standard-48", new HostedGpus("L4", 4)),
            Map.entry("g2-standard-96", new HostedGpus("L4", 8)),
            Map.entry("a3-highgpu-1g", new HostedGpus("H100", 1)),
            Map.entry("a3-highgpu-2g", new HostedGpus("H100", 2)),
            Map.entry("a3-highgpu-4g", new HostedGpus("H100", 4)),
            Map.entry("a3-highgpu-8g", new HostedGpus("H100", 8)),
            Map.entry("a3-megagpu-8g", new HostedGpus("H100-MEGA", 8)),
            Map.entry("a3-ultragpu-8g", new HostedGpus("H200", 8)),
            Map.entry("a4-highgpu-8g", new HostedGpus("B200", 8)),
            // not in SkyPilot's table; GCP documents the same GPUs as the siblings above
            Map.entry("a3-edgegpu-8g", new HostedGpus("H100", 8)),
            Map.entry("a3-edgegpu-8g-nolssd", new HostedGpus("H100", 8)),
            Map.entry("a3-ultragpu-8g-nolssd", new HostedGpus("H200", 8)));

    private GcpGpuHosts() {
    }

    /** The GPUs that {@code instanceType} carries, or empty for a machine type without built-in GPUs. */
    public static Optional<HostedGpus> of(String instanceType) {
        return instanceType == null ? Optional.empty() : Optional.ofNullable(TABLE.get(instanceType.strip()));
    }
}
