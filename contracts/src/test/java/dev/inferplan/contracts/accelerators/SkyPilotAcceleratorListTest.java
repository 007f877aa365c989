package dev.inferplan.contracts.accelerators;

import java.util.List;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every accelerator of SkyPilot's own list resolves: the AcceleratorName column of the hosted catalog's
 * common/accelerators.csv (skypilot-catalog, catalogs/v8, two versions read: the current one and an
 * earlier one whose names the current drops), the names of its accelerator registry, and the clouds'
 * spellings the issue names. The names are copied here, in the source's spelling.
 */
class SkyPilotAcceleratorListTest {

    private static final AcceleratorVocabulary VOCABULARY = AcceleratorVocabulary.standard();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '=', value = {
            "A10 = nvidia-a10", "A100 = nvidia-a100-40gb", "A100-80GB = nvidia-a100-80gb",
            "A100-80GB-SXM = nvidia-a100-80gb", "A10G = nvidia-a10g", "A16 = nvidia-a16", "A30 = nvidia-a30",
            "A40 = nvidia-a40", "A4000 = nvidia-rtx-a4000", "A5000 = nvidia-rtx-a5000", "A6000 = nvidia-rtx-a6000",
            "A800 = nvidia-a800-80gb", "B200 = nvidia-b200", "B300 = nvidia-b300", "GH200 = nvidia-gh200-96gb",
            "GTX1660S = nvidia-gtx-1660-super", "Gaudi HL-205 = intel-gaudi", "H100 = nvidia-h100-80gb",
            "H100-MEGA = nvidia-h100-80gb", "H100-NVL = nvidia-h100-nvl-94gb", "H100-NVLINK = nvidia-h100-80gb",
            "H100-SXM = nvidia-h100-80gb", "H200 = nvidia-h200", "H200-SXM = nvidia-h200", "K80 = nvidia-k80",
            "L4 = nvidia-l4", "L40 = nvidia-l40", "L40S = nvidia-l40s", "M4000 = nvidia-quadro-m4000",
            "M60 = nvidia-m60", "MI300X = amd-mi300x", "NVIDIA-H200-NVL = nvidia-h200-nvl", "P100 = nvidia-p100",
            "P4 = nvidia-p4", "P4000 = nvidia-quadro-p4000", "RTX2000-Ada = nvidia-rtx-2000-ada",
            "RTX3060 = nvidia-rtx-3060", "RTX3070 = nvidia-rtx-3070", "RTX3080 = nvidia-rtx-3080",
            "RTX3090 = nvidia-rtx-3090", "RTX4000-Ada = nvidia-rtx-4000-ada", "RTX4060 = nvidia-rtx-4060",
            "RTX4070 = nvidia-rtx-4070", "RTX4090 = nvidia-rtx-4090", "RTX5060 = nvidia-rtx-5060",
            "RTX5070 = nvidia-rtx-5070", "RTX5090 = nvidia-rtx-5090", "RTX5880-Ada = nvidia-rtx-5880-ada",
            "RTX6000 = nvidia-quadro-rtx-6000", "RTX6000-Ada = nvidia-rtx-6000-ada", "RTX6000Ada = nvidia-rtx-6000-ada",
            "RTXA4000 = nvidia-rtx-a4000", "RTXA4500 = nvidia-rtx-a4500", "RTXA5000 = nvidia-rtx-a5000",
            "RTXA6000 = nvidia-rtx-a6000", "RTXPRO6000 = nvidia-rtx-pro-6000-server",
            "RTXPRO6000S = nvidia-rtx-pro-6000-server", "RTXPRO6000-WK = nvidia-rtx-pro-6000-ws",
            "RTXPRO6000WS = nvidia-rtx-pro-6000-ws", "Radeon MI25 = amd-mi25", "Radeon Pro V520 = amd-radeon-pro-v520",
            "T4 = nvidia-t4", "T4g = nvidia-t4", "V100 = nvidia-v100-16gb", "V100-32GB = nvidia-v100-32gb",
            "tpu-v2-8 = google-tpu-v2", "tpu-v3-8 = google-tpu-v3", "tpu-v4-8 = google-tpu-v4",
            "tpu-v5litepod-8 = google-tpu-v5e", "tpu-v5p-8 = google-tpu-v5p", "tpu-v6e-1 = google-tpu-v6e",
            // the accelerator registry's older names
            "Inferentia = aws-inferentia", "K520 = nvidia-grid-k520", "P40 = nvidia-p40",
            "Virtex UltraScale (VU9P) = xilinx-vu9p", "GB200 = nvidia-gb200", "GB300 = nvidia-gb300",
            // spellings the issue names
            "RTX A6000 = nvidia-rtx-a6000", "Quadro RTX 6000 = nvidia-quadro-rtx-6000",
    })
    void everyNameOfSkyPilotsListResolves(String name, String id) {
        assertEquals(id, VOCABULARY.resolve(name).map(a -> a.id().id()).orElse("<none>"), name);
    }

    @Test
    void everyAcceleratorHasAVendorAMemoryFigureOrAReasonAndAKind() {
        for (AcceleratorVocabulary.Definition definition : VOCABULARY.definitions()) {
            Accelerator a = definition.accelerator();
            assertFalse(a.vendor().isBlank(), a.id().id());
            assertTrue(a.memoryGib().isPresent() || a.id().id().startsWith("untether-"), a.id() + " has no memory figure");
        }
    }

    @Test
    void everySpellingInTheVocabularyResolvesToItsAccelerator() {
        for (AcceleratorVocabulary.Definition definition : VOCABULARY.definitions()) {
            Accelerator a = definition.accelerator();
            for (String alias : definition.aliases()) {
                OptionalDouble memory = a.memoryGib();
                assertEquals(a.id(), VOCABULARY.match(alias, memory).map(m -> m.accelerator().id()).orElse(null), alias);
            }
        }
    }

    @ParameterizedTest(name = "{0} with {1} GiB")
    @CsvSource({"A100, 80, nvidia-a100-80gb, false", "A100, 40, nvidia-a100-40gb, false",
            "A100, 640, nvidia-a100-40gb, true", "H100, 1.5, nvidia-h100-80gb, true", "H100, 93.6, nvidia-h100-nvl-94gb, false",
            "T4, 1024, nvidia-t4, true", "A100-80GB, 40, nvidia-a100-80gb, true", "GH200, 144, nvidia-gh200-144gb, false"})
    void memoryOnlyPicksAVariantAndADisagreementIsReported(String name, double gib, String id, boolean disagrees) {
        AcceleratorVocabulary.Match match = VOCABULARY.match(name, OptionalDouble.of(gib)).orElseThrow();
        assertEquals(id, match.accelerator().id().id());
        assertEquals(disagrees, match.memoryDisagrees());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RTX 4060 Ti", "Z9000", "A100-120GB"})
    void aNameWithoutADefaultOrUnknownMatchesNothingWhateverTheMemory(String name) {
        assertTrue(VOCABULARY.match(name, OptionalDouble.of(3)).isEmpty(), name);
    }

    @Test
    void anExtensionCollidingWithAnIdOrANameIsRefused() {
        Accelerator mine = new Accelerator(new AcceleratorId("acme-x1"), "Acme", "Acme X1", 48.0, AcceleratorKind.ASIC);
        AcceleratorVocabulary extended = VOCABULARY.extendedWith(List.of(new AcceleratorVocabulary.Definition(mine,
                List.of("X1", "Acme-X1-48GB"))));
        assertEquals("acme-x1", extended.resolve("x1").orElseThrow().id().id());
        assertTrue(VOCABULARY.resolve("X1").isEmpty(), "the standard vocabulary is unchanged");
        assertThrows(IllegalArgumentException.class, () -> VOCABULARY.extendedWith(List.of(
                new AcceleratorVocabulary.Definition(new Accelerator(new AcceleratorId("nvidia-t4"), "Acme", "T", 1.0,
                        AcceleratorKind.GPU), List.of()))));
        IllegalArgumentException alias = assertThrows(IllegalArgumentException.class, () -> VOCABULARY.extendedWith(
                List.of(new AcceleratorVocabulary.Definition(mine, List.of("Tesla T4")))));
        assertTrue(alias.getMessage().contains("nvidia-t4"), alias.getMessage());
    }
}
