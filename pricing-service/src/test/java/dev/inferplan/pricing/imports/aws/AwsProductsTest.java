package dev.inferplan.pricing.imports.aws;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;
import dev.inferplan.pricing.pricelists.RowRejected;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsProductsTest {

    private static final String PATH = "products.SKU.attributes";

    private static Map<String, String> linux(String instanceType) {
        Map<String, String> attributes = new HashMap<>(Map.of("instanceType", instanceType, "regionCode", "us-east-1",
                "vcpu", "4", "memory", "16 GiB", "physicalProcessor", "Intel Xeon", "operatingSystem", "Linux",
                "tenancy", "Shared", "preInstalledSw", "NA"));
        attributes.put("capacitystatus", "Used");
        return attributes;
    }

    @Test
    void onlyPlainLinuxOnSharedUsedCapacityQualifies() {
        assertTrue(AwsProducts.qualifies("Compute Instance", linux("m5.xlarge")));
        assertTrue(AwsProducts.qualifies("Compute Instance (bare metal)", linux("m5.metal")));
        assertFalse(AwsProducts.qualifies("Storage", linux("m5.xlarge")));
        for (Map.Entry<String, String> other : Map.of("operatingSystem", "Windows", "tenancy", "Dedicated",
                "preInstalledSw", "SQL Std", "capacitystatus", "UnusedCapacityReservation",
                "marketoption", "CapacityBlock", "locationType", "AWS Local Zone").entrySet()) {
            Map<String, String> attributes = linux("m5.xlarge");
            attributes.put(other.getKey(), other.getValue());
            assertFalse(AwsProducts.qualifies("Compute Instance", attributes), other.toString());
        }
        Map<String, String> before2018 = linux("m5.xlarge");
        before2018.remove("capacitystatus");
        assertTrue(AwsProducts.qualifies("Compute Instance", before2018), "an absent capacitystatus is Used");
    }

    @Test
    void onlyTheAttributesAnOfferNeedsAreKept() {
        assertTrue(AwsProducts.wanted("gpuMemory"));
        assertFalse(AwsProducts.wanted("networkPerformance"));
    }

    @Test
    void aGpuProductIsDescribedWithTheFamilysAccelerator() {
        Map<String, String> attributes = linux("p4d.24xlarge");
        attributes.put("gpu", "8");
        AwsProduct product = new AwsProducts(AcceleratorVocabulary.standard()).describe(PATH, attributes);
        assertEquals("us-east-1", product.region);
        assertEquals(0, new BigDecimal("8").compareTo(product.acceleratorCount));
        assertEquals("x86_64", product.cpuArchitecture);
        assertEquals(0, new BigDecimal("16").compareTo(product.memoryGib));
        assertEquals("nvidia-a100-40gb", product.accelerator, "p4d carries the A100 40GB");

        AwsProduct cpu = new AwsProducts(AcceleratorVocabulary.standard()).describe(PATH, linux("m5.xlarge"));
        assertNull(cpu.accelerator);
    }

    @Test
    void whatCannotBeDescribedIsRejectedNamingTheAttribute() {
        AwsProducts products = new AwsProducts(AcceleratorVocabulary.standard());
        Map<String, String> noMemory = linux("m5.xlarge");
        noMemory.put("memory", "lots");
        RowRejected memory = assertThrows(RowRejected.class, () -> products.describe(PATH, noMemory));
        assertEquals(PATH + ".memory", memory.column());
        assertEquals("not a memory size in GiB: 'lots'", memory.reason());

        Map<String, String> gpuZero = linux("p4d.24xlarge");
        gpuZero.put("gpu", "0");
        assertEquals(PATH + ".gpu", assertThrows(RowRejected.class, () -> products.describe(PATH, gpuZero)).column());

        Map<String, String> nowhere = linux("m5.xlarge");
        nowhere.put("regionCode", "mars-1");
        assertEquals(PATH + ".regionCode",
                assertThrows(RowRejected.class, () -> products.describe(PATH, nowhere)).column());
    }
}
