package dev.inferplan.contracts.accelerators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AcceleratorVocabularyTest {

    private static final AcceleratorVocabulary VOCABULARY = AcceleratorVocabulary.standard();

    private static String idOf(String sourceName) {
        return VOCABULARY.resolve(sourceName).map(accelerator -> accelerator.id().id()).orElse("<none>");
    }

    private static String idOf(String sourceName, double memoryGib) {
        return VOCABULARY.resolve(sourceName, memoryGib).map(accelerator -> accelerator.id().id()).orElse("<none>");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '=', value = {
            "NVIDIA H100 80GB HBM3 = nvidia-h100-80gb",
            "H100 = nvidia-h100-80gb",
            "H100-80GB = nvidia-h100-80gb",
            "h100_sxm = nvidia-h100-80gb",
            "Virtualized NVIDIA H100-SXM-80GB = nvidia-h100-80gb",
            "H100-MEGA = nvidia-h100-80gb",
            "nvidia-tesla-t4 = nvidia-t4",
            "T4 = nvidia-t4",
            "NVIDIA T4 Tensor Core = nvidia-t4",
            "Nvidia Tesla T4 GPU = nvidia-t4",
            "A100-80GB = nvidia-a100-80gb",
            "NVIDIA A100-SXM4-80GB = nvidia-a100-80gb",
            "NVIDIA A100-PCIe-80GB = nvidia-a100-80gb",
            "AMD Instinct MI300X = amd-mi300x",
            "AMD Instinct MI300X-NPS1-SPX-192GB-750W = amd-mi300x",
            "MI300X = amd-mi300x",
            "Inferentia2 = aws-inferentia2",
            "AWS Inferentia2 = aws-inferentia2",
            "AWS Inferentia = aws-inferentia",
            "Trainium = aws-trainium",
            "Trainium2 = aws-trainium2",
            "Habana Gaudi2 = intel-gaudi2",
            "Intel® Gaudi® 2 AI Accelerator = intel-gaudi2",
            "Qualcomm AI 100 Accelerators = qualcomm-cloud-ai-100-standard",
            "QUALCOMM Cloud AI 100 PCIe/HHHL Pro = qualcomm-cloud-ai-100-pro",
            "UntetherAI speedAI240 Slim = untether-speedai240-slim",
            "NVIDIA Jetson AGX Orin 64G = nvidia-jetson-agx-orin-64gb",
            "NVIDIA GRID K520 = nvidia-grid-k520",
    })
    void resolvesTheNamesSourcesUse(String sourceName, String expectedId) {
        assertEquals(expectedId, idOf(sourceName));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '=', value = {
            "tpu-v5litepod-8 = google-tpu-v5e",
            "tpu-v5litepod-256 = google-tpu-v5e",
            "TPU v5e = google-tpu-v5e",
            "tpu-v5p-8 = google-tpu-v5p",
            "tpu-v6e-1 = google-tpu-v6e",
            "tpu-v4-4096 = google-tpu-v4",
            "tpu-v3-8 = google-tpu-v3",
            "tpu-v2-512 = google-tpu-v2",
    })
    void tpuSlicesResolveToTheirGeneration(String sourceName, String expectedId) {
        assertEquals(expectedId, idOf(sourceName));
    }

    @ParameterizedTest(name = "{0} has {1} chips")
    @CsvSource({"tpu-v5litepod-8, 8", "tpu-v6e-1, 1", "tpu-v5p-8, 4", "tpu-v4-16, 8", "tpu-v2-8, 4", "tpu-v3-2048, 1024"})
    void sliceChipCountFollowsEachGenerationsNaming(String sourceName, int chips) {
        assertEquals(OptionalInt.of(chips), VOCABULARY.sliceChipCount(sourceName));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TPU v5e", "H100", "tpu-v9-8", "A100-8"})
    void sliceChipCountIsEmptyForAnythingButAKnownSlice(String sourceName) {
        assertEquals(OptionalInt.empty(), VOCABULARY.sliceChipCount(sourceName));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '=', value = {
            // SkyPilot's bare A100 and V100 are the smaller parts
            "A100 = nvidia-a100-40gb",
            "A100-40GB = nvidia-a100-40gb",
            "A100 80 GB = nvidia-a100-80gb",
            "A100-80G = nvidia-a100-80gb",
            "V100 = nvidia-v100-16gb",
            "NVIDIA Tesla V100 = nvidia-v100-16gb",
            "V100-32GB = nvidia-v100-32gb",
            "NVIDIA V100-SXM2-32GB = nvidia-v100-32gb",
            // the H100 variants are different parts, not just different memory
            "H100 NVL = nvidia-h100-nvl-94gb",
            "NVIDIA H100-NVL-94GB = nvidia-h100-nvl-94gb",
            "H100 94GB = nvidia-h100-nvl-94gb",
            "NVIDIA H100-PCIe-80GB = nvidia-h100-pcie-80gb",
            "H100 PCIe = nvidia-h100-pcie-80gb",
            "H200 = nvidia-h200",
            "NVIDIA H200-SXM-141GB = nvidia-h200",
            "GH200 96GB = nvidia-gh200-96gb",
            "NVIDIA GH200 Grace Hopper Superchip 144GB = nvidia-gh200-144gb",
            "RTX 4060 Ti 16GB = nvidia-rtx-4060-ti-16gb",
    })
    void memoryInTheNamePicksTheVariant(String sourceName, String expectedId) {
        assertEquals(expectedId, idOf(sourceName));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "A100-24GB", "T4 32GB", "H100-NVL-80GB", "V100 40GB",
            // two sizes in one name
            "A100 40GB 80GB", "A100 MIG 1g.10gb",
            // one name, several variants, no size
            "NVIDIA GH200-GraceHopper-Superchip", "RTX 4060 Ti", "A100-SXM4", "Jetson AGX Orin",
    })
    void contradictoryOrMissingMemoryResolvesToNothing(String sourceName) {
        assertEquals(Optional.empty(), VOCABULARY.resolve(sourceName));
    }

    @Test
    void t4gIsTheT4() {
        // AWS g5g pairs the same T4 card (16GB GDDR6, 70 W) with a Graviton2 host; the arm64 host
        // is an instance property (aws_vms.csv Arch), not a different accelerator.
        assertEquals("nvidia-t4", idOf("T4g"));
        assertEquals("nvidia-t4", idOf("NVIDIA T4G Tensor Core"));
    }

    @Test
    void similarNamesStayApart() {
        assertEquals("nvidia-l4", idOf("L4"));
        assertEquals("nvidia-l40", idOf("L40"));
        assertEquals("nvidia-l40s", idOf("L40S"));
        assertEquals("nvidia-l40", idOf("NVIDIA L40-PCIE-48GB"));
        assertEquals("nvidia-l4", idOf("NVIDIA L4-PCIe-24GB"));
        assertEquals("nvidia-a10", idOf("A10"));
        assertEquals("nvidia-a10", idOf("NVIDIA A10 Tensor Core GPU"));
        assertEquals("nvidia-a10g", idOf("A10G"));
        assertEquals("nvidia-a10g", idOf("NVIDIA A10G"));
        assertEquals("nvidia-a100-40gb", idOf("A100"));
        assertEquals("nvidia-h100-80gb", idOf("H100"));
        assertEquals("nvidia-h200", idOf("H200"));
        assertEquals("nvidia-rtx-3060", idOf("RTX3060"));
        assertEquals("nvidia-rtx-3060-ti", idOf("RTX_3060_Ti"));
        assertEquals("nvidia-rtx-6000-ada", idOf("RTX6000-Ada"));
        assertEquals("nvidia-rtx-pro-6000-ws", idOf("RTX_PRO_6000_WS"));
        assertEquals("nvidia-rtx-pro-6000-maxq", idOf("NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation Edition"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "RTX4090", "RTX_4090", "rtx 4090", "NVIDIA GeForce RTX 4090", "NVIDIA GeForce RTX 4090 (Ada Lovelace)",
            "GeForce RTX 4090 24GB"})
    void rtx4090Variants(String sourceName) {
        assertEquals("nvidia-rtx-4090", idOf(sourceName));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "   ", "NVIDIA", "GPU", "H800", "H20", "MI250X", "Gaudi3", "RTX 4090 D", "RTX 4090 Laptop",
            "RTX 4080", "RTX 6000 Blackwell", "tpu-v7x-8", "A100X", "Tesla", "N/A", "None", "cpu"})
    void unknownNamesResolveToNothing(String sourceName) {
        assertEquals(Optional.empty(), VOCABULARY.resolve(sourceName));
    }

    @Test
    void statedMemoryPicksOrRefusesTheVariant() {
        assertEquals("nvidia-a100-40gb", idOf("A100", 40));
        assertEquals("nvidia-a100-80gb", idOf("A100", 80));
        assertEquals("nvidia-h100-80gb", idOf("H100", 79.65));
        assertEquals("nvidia-h100-nvl-94gb", idOf("H100", 93.58));
        assertEquals("nvidia-l40s", idOf("L40S", 44.99));
        assertEquals("nvidia-gh200-144gb", idOf("NVIDIA GH200-GraceHopper-Superchip", 144));
        assertEquals("nvidia-rtx-4060-ti-16gb", idOf("RTX_4060_Ti", 16));
        // the name and the memory disagree: no guess
        assertEquals("<none>", idOf("A100-80GB", 40));
        assertEquals("<none>", idOf("RTX4060", 16));
        assertEquals("<none>", idOf("T4", 24));
        assertEquals("<none>", idOf("speedAI240 Slim", 16));
        assertThrows(IllegalArgumentException.class, () -> VOCABULARY.resolve("A100", 0));
        assertThrows(IllegalArgumentException.class, () -> VOCABULARY.resolve("A100", Double.NaN));
    }

    @Test
    void resolveOrThrowNamesTheUnknownName() {
        assertEquals("nvidia-t4", VOCABULARY.resolveOrThrow("T4").id().id());
        UnknownAcceleratorException e =
                assertThrows(UnknownAcceleratorException.class, () -> VOCABULARY.resolveOrThrow("Voodoo 5 6000"));
        assertTrue(e.getMessage().contains("Voodoo 5 6000"), e.getMessage());
        assertEquals("Voodoo 5 6000", e.sourceName());
    }

    @Test
    void everyAcceleratorIsFoundByItsIdAndItsDisplayName() {
        List<Accelerator> all = VOCABULARY.all();
        assertEquals(all.size(), new HashSet<>(all.stream().map(Accelerator::id).toList()).size());
        for (Accelerator accelerator : all) {
            assertEquals(Optional.of(accelerator), VOCABULARY.byId(accelerator.id()));
            assertEquals(Optional.of(accelerator), VOCABULARY.resolve(accelerator.id().id()), accelerator.id().id());
            assertEquals(Optional.of(accelerator), VOCABULARY.resolve(accelerator.displayName()), accelerator.displayName());
        }
    }

    @Test
    void byIdKnowsTheCanonicalModelsButNotCpu() {
        Accelerator h100 = VOCABULARY.byId(new AcceleratorId("nvidia-h100-80gb")).orElseThrow();
        assertEquals("NVIDIA", h100.vendor());
        assertEquals(AcceleratorKind.GPU, h100.kind());
        assertEquals(80.0, h100.memoryGib().orElseThrow());
        assertEquals(AcceleratorKind.TPU, VOCABULARY.byId(new AcceleratorId("google-tpu-v5e")).orElseThrow().kind());
        assertEquals(AcceleratorKind.ASIC, VOCABULARY.byId(new AcceleratorId("aws-inferentia2")).orElseThrow().kind());
        assertTrue(VOCABULARY.byId(new AcceleratorId("untether-speedai240-slim")).orElseThrow().memoryGib().isEmpty());
        assertEquals(Optional.empty(), VOCABULARY.byId(AcceleratorId.CPU));
    }

    @Test
    void standardIsLoadedOnce() {
        assertSame(AcceleratorVocabulary.standard(), AcceleratorVocabulary.standard());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NVIDIA H100", "H100", "nvidia--t4", "-t4", "t4-", "", "nvidia_t4"})
    void acceleratorIdsAreLowercaseKebab(String id) {
        assertThrows(IllegalArgumentException.class, () -> new AcceleratorId(id));
    }

    @Test
    void cpuIsAValidId() {
        assertEquals("cpu", AcceleratorId.CPU.id());
        assertEquals("nvidia-h100-80gb", new AcceleratorId("nvidia-h100-80gb").toString());
    }

    @Test
    void aTableWhereTwoModelsClaimOneBareNameIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                AcceleratorVocabulary.fromCsvLines(List.of(
                        "id,vendor,kind,memoryGib,displayName,aliases",
                        "nvidia-a100-40gb,NVIDIA,GPU,40,NVIDIA A100 40GB,A100",
                        "nvidia-a100-80gb,NVIDIA,GPU,80,NVIDIA A100 80GB,A100")));
        assertTrue(e.getMessage().contains("a100"), e.getMessage());
    }

    @Test
    void aTableWhoseAliasContradictsItsMemoryIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                AcceleratorVocabulary.fromCsvLines(List.of(
                        "id,vendor,kind,memoryGib,displayName,aliases",
                        "nvidia-a100-40gb,NVIDIA,GPU,40,NVIDIA A100 40GB,A100|A100-80GB")));
        assertTrue(e.getMessage().contains("nvidia-a100-40gb") && e.getMessage().contains("A100-80GB"), e.getMessage());
    }

    @Test
    void aTableWithoutItsHeaderOrWithMissingFieldsIsRejected() {
        assertThrows(IllegalArgumentException.class, () ->
                AcceleratorVocabulary.fromCsvLines(List.of("nvidia-t4,NVIDIA,GPU,16,NVIDIA T4,T4")));
        assertThrows(IllegalArgumentException.class, () ->
                AcceleratorVocabulary.fromCsvLines(List.of("id,vendor,kind,memoryGib,displayName,aliases",
                        "nvidia-t4,NVIDIA,GPU,16,NVIDIA T4")));
    }
}
