package dev.inferplan.pricing.imports.azure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.inferplan.contracts.accelerators.Accelerator;
import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The GPU SKU table against its oracle, the accelerated sizes of the SkyPilot-format Azure catalog
 * ({@code cloud-catalog/azure_vms_accelerated_sizes.csv}, provenance in its header): every size
 * there with an accelerator must resolve to the same canonical accelerator and count, except where
 * the table deliberately follows Microsoft's size documentation instead (listed below), and every
 * N-series size there without one must be unknown to the table.
 */
class AzureRetailGpuSkusTest {

    private static final AcceleratorVocabulary VOCABULARY = AcceleratorVocabulary.standard();

    /** Where the table differs from the oracle, and what it says instead (canonical id, count). */
    private static final Map<String, Expected> DEVIATIONS = Map.of(
            // SkyPilot's "H100" is the SXM part; the NC/NCC H100 v5 sizes carry the H100 NVL (94 GB)
            "Standard_NC40ads_H100_v5", new Expected("nvidia-h100-nvl-94gb", "1"),
            "Standard_NC80adis_H100_v5", new Expected("nvidia-h100-nvl-94gb", "2"),
            "Standard_NCC40ads_H100_v5", new Expected("nvidia-h100-nvl-94gb", "1"),
            // NVv4 sizes share one MI25: 1/8, 1/4, 1/2 of it (SkyPilot counts 1 for each)
            "Standard_NV4as_v4", new Expected("amd-mi25", "0.125"),
            "Standard_NV8as_v4", new Expected("amd-mi25", "0.25"),
            "Standard_NV16as_v4", new Expected("amd-mi25", "0.5"));

    /** Families retired before the oracle's catalog was taken; their counts are Microsoft's. */
    private static final Set<String> NOT_IN_ORACLE = Set.of("NC", "NCv2", "NV");

    private record Expected(String id, String count) {
    }

    private record OracleRow(String instanceType, String acceleratorName, String count, int vcpus) {
    }

    @Test
    void everyAcceleratedOracleSizeMatchesTheTable() throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> familiesSeen = new HashSet<>();
        int checked = 0;
        for (OracleRow row : oracle()) {
            if (row.acceleratorName().isEmpty()) {
                continue;
            }
            Optional<AzureGpuSkus.Gpu> gpu = AzureGpuSkus.lookup(row.instanceType());
            if (gpu.isEmpty()) {
                problems.add(row.instanceType() + ": not in the table");
                continue;
            }
            checked++;
            familiesSeen.add(gpu.get().family());
            Accelerator table = VOCABULARY.resolve(gpu.get().acceleratorName()).orElseThrow(
                    () -> new AssertionError("table name " + gpu.get().acceleratorName() + " unknown to the vocabulary"));
            Expected expected = DEVIATIONS.getOrDefault(row.instanceType(), new Expected(
                    VOCABULARY.resolve(row.acceleratorName()).orElseThrow(
                            () -> new AssertionError("oracle name " + row.acceleratorName() + " unknown")).id().id(),
                    row.count()));
            if (!table.id().id().equals(expected.id())) {
                problems.add(row.instanceType() + ": " + table.id() + " instead of " + expected.id());
            }
            if (gpu.get().count().compareTo(new BigDecimal(expected.count())) != 0) {
                problems.add(row.instanceType() + ": count " + gpu.get().count() + " instead of " + expected.count());
            }
            if (gpu.get().vcpus() != row.vcpus()) {
                problems.add(row.instanceType() + ": " + gpu.get().vcpus() + " vCPUs instead of " + row.vcpus());
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(36, checked, "accelerated sizes in the oracle");

        Set<String> uncovered = AzureGpuSkus.FAMILIES.stream().map(AzureGpuSkus.Family::name)
                .filter(name -> !familiesSeen.contains(name)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(NOT_IN_ORACLE), uncovered, "families without an oracle row");
        assertEquals(NOT_IN_ORACLE, AzureGpuSkus.FAMILIES.stream().filter(AzureGpuSkus.Family::retired)
                .map(AzureGpuSkus.Family::name).collect(Collectors.toSet()));
    }

    @Test
    void oracleSizesWithoutAKnownAcceleratorAreUnknownButLookAccelerated() throws IOException {
        List<String> unknown = new ArrayList<>();
        for (OracleRow row : oracle()) {
            if (row.acceleratorName().isEmpty()) {
                assertTrue(AzureGpuSkus.lookup(row.instanceType()).isEmpty(), row.instanceType());
                assertTrue(AzureGpuSkus.looksAccelerated(row.instanceType()), row.instanceType());
                unknown.add(row.instanceType());
            }
        }
        // GB200 and the V710/V620-class AMD parts are not in the vocabulary; the NP sizes are FPGAs;
        // ND96is_MI300X_v5 (without the r) is not a size the table can vouch for
        assertEquals(List.of("Standard_ND128isr_NDR_GB200_v6", "Standard_ND96is_MI300X_v5",
                "Standard_NG16ads_V620_v1", "Standard_NG32ads_V620_v1", "Standard_NG8ads_V620_v1",
                "Standard_NP10s", "Standard_NP20s", "Standard_NP40s",
                "Standard_NV12ads_V710_v5", "Standard_NV24ads_V710_v5", "Standard_NV28adms_V710_v5",
                "Standard_NV4ads_V710_v5", "Standard_NV8ads_V710_v5"), unknown);
    }

    @Test
    void everyTableNameIsInTheVocabulary() {
        for (AzureGpuSkus.Family family : AzureGpuSkus.FAMILIES) {
            assertTrue(VOCABULARY.resolve(family.acceleratorName()).isPresent(), family.name());
        }
    }

    @Test
    void retiredFamiliesAndPromoSizes() {
        assertEquals(new AzureGpuSkus.Gpu("NC", "K80", new BigDecimal("4"), 24), AzureGpuSkus.lookup("Standard_NC24r")
                .orElseThrow());
        assertEquals(new AzureGpuSkus.Gpu("NCv2", "P100", new BigDecimal("2"), 12),
                AzureGpuSkus.lookup("Standard_NC12s_v2").orElseThrow());
        assertEquals(new AzureGpuSkus.Gpu("NV", "M60", new BigDecimal("1"), 6),
                AzureGpuSkus.lookup("Standard_NV6_Promo").orElseThrow());
    }

    @Test
    void cpuSizesAreNeitherKnownNorAccelerated() {
        for (String size : List.of("Standard_D64ds_v5", "Standard_E2bds_v5", "Basic_A2", "Standard_HC44-32rs",
                "Standard_M416s_v2", "Standard_DC8as_v5")) {
            assertTrue(AzureGpuSkus.lookup(size).isEmpty(), size);
            assertFalse(AzureGpuSkus.looksAccelerated(size), size);
        }
    }

    @Test
    void aKnownFamilyWithAnUnknownSizeIsNotGuessed() {
        assertTrue(AzureGpuSkus.lookup("Standard_NC128as_T4_v3").isEmpty());
        assertTrue(AzureGpuSkus.looksAccelerated("Standard_NC128as_T4_v3"));
    }

    private static List<OracleRow> oracle() throws IOException {
        String resource = "/cloud-catalog/azure_vms_accelerated_sizes.csv";
        InputStream in = AzureRetailGpuSkusTest.class.getResourceAsStream(resource);
        assertNotNull(in, resource);
        List<OracleRow> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = null;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header == null) {
                    header = line;
                    assertEquals("InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB", header);
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 5) {
                    fail("bad oracle row: " + line);
                }
                rows.add(new OracleRow(f[0], f[1], f[2], Integer.parseInt(f[3])));
            }
        }
        assertEquals(49, rows.size());
        return rows;
    }
}
