package dev.inferplan.pricing.imports.skypilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;
import dev.inferplan.contracts.money.Money;
import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.pricing.pricelists.ImportContext;
import dev.inferplan.pricing.pricelists.OfferKind;
import dev.inferplan.pricing.pricelists.OfferRow;
import dev.inferplan.pricing.pricelists.OfferSink;
import dev.inferplan.pricing.pricelists.RejectedRow;

class SkyPilotGcpGpuHostsTest {

    @Test
    void namesTheGpusOfAcceleratorOptimizedTypes() {
        assertEquals(Optional.of(new GcpGpuHosts.HostedGpus("A100", 1)), GcpGpuHosts.of("a2-highgpu-1g"));
        assertEquals(Optional.of(new GcpGpuHosts.HostedGpus("A100-80GB", 8)), GcpGpuHosts.of("a2-ultragpu-8g"));
        assertEquals(Optional.of(new GcpGpuHosts.HostedGpus("L4", 2)), GcpGpuHosts.of("g2-standard-24"));
        assertEquals(Optional.of(new GcpGpuHosts.HostedGpus("H100-MEGA", 8)), GcpGpuHosts.of("a3-megagpu-8g"));
        assertEquals(Optional.empty(), GcpGpuHosts.of("n1-standard-8"));
        assertEquals(Optional.empty(), GcpGpuHosts.of(""));
    }

    @Test
    void coversEveryGpuMachineTypeInTheCatalogAndItsGpusResolve() throws IOException {
        Set<String> gpuTypes = new TreeSet<>();
        Map<String, Money> usCentral1a = new HashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/seed/skypilot/gcp_vms.csv")) {
            new SkyPilotCatalogReader().read(in,
                    new ImportContext("gcp", currency -> Optional.empty(), AcceleratorVocabulary.standard()),
                    new OfferSink() {
                        @Override
                        public void offer(OfferRow row) {
                            if (row.instanceType().matches("(a2|a3|a4|g2)-.*")) {
                                gpuTypes.add(row.instanceType());
                            }
                            if (row.zone().equals("us-central1-a") && row.purchaseOption() == PurchaseOption.ON_DEMAND) {
                                String what = row.kind() != OfferKind.ATTACHABLE_ACCELERATOR ? row.instanceType()
                                        : row.accelerator() + "x" + row.acceleratorCount();
                                usCentral1a.put(what, row.hourlyUsd());
                            }
                        }

                        @Override
                        public void rejected(RejectedRow row) {
                        }
                    });
        }
        // 27 types in the file; a4-highgpu-8g gives no offer (its prices are 0.0) but is in the table too
        assertEquals(26, gpuTypes.size(), gpuTypes.toString());
        gpuTypes.add("a4-highgpu-8g");
        for (String type : gpuTypes) {
            GcpGpuHosts.HostedGpus gpus = GcpGpuHosts.of(type).orElseThrow(() -> new AssertionError(type));
            assertTrue(AcceleratorVocabulary.standard().resolve(gpus.acceleratorName()).isPresent(), type);
        }
        // SkyPilot's price of a2-highgpu-1g: host row (line 13) + A100 x1 row (line 28902), GCP's list price
        assertEquals(Money.of("3.67339"), usCentral1a.get("a2-highgpu-1g").plus(usCentral1a.get("nvidia-a100-40gbx1")));
    }
}
