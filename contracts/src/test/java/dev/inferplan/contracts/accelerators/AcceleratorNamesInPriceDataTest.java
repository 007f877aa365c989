package dev.inferplan.contracts.accelerators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every accelerator name in the real price and benchmark data under shared/data resolves. The
 * distinct names were copied into {@code accelerator-names/*.txt}; each file's header says where
 * they came from.
 */
class AcceleratorNamesInPriceDataTest {

    private static final AcceleratorVocabulary VOCABULARY = AcceleratorVocabulary.standard();
    private static final List<String> SOURCES = List.of("aws_vms", "azure_vms", "gcp_vms", "vast_vms", "mlperf");

    /** Names that denote no accelerator; importers map such rows to {@link AcceleratorId#CPU}. */
    private static final Map<String, String> NOT_ACCELERATORS = Map.of(
            "N/A", "MLPerf's marker for CPU-only systems",
            "None", "MLPerf v3.1 Krai TurboX EB6 row, run on its Snapdragon 865 CPU (accelerators_per_node 0)");

    /** Names that do not identify one model by themselves; their rows state the memory that does. */
    private static final Map<String, String> AMBIGUOUS_WITHOUT_MEMORY = Map.of(
            "NVIDIA GH200-GraceHopper-Superchip", "MLPerf uses it for 96GB and 144GB GH200s; SystemName says which",
            "NVIDIA HGX A100 SXM", "HGX A100 boards carry 40GB or 80GB A100s",
            "A100_SXM4", "Vast offers 40GB and 80GB A100 SXM4s under this name",
            "A100_PCIE", "the A100 PCIe ships with 40GB or 80GB",
            "RTX_4060_Ti", "the RTX 4060 Ti ships with 8GB or 16GB");

    /** Rows whose name and stated memory contradict each other, keyed "source column name memory". */
    private static final Map<String, String> NAME_CONTRADICTS_MEMORY = Map.of(
            "aws_vms GpuInfo AWS Inferentia 32",
            "Vantage labels trn1/trn1n 'AWS Inferentia'; their AcceleratorName has the corrected 'Trainium'",
            "aws_vms AcceleratorName K80 24",
            "Vantage counts K80 boards (two 12 GiB GPUs) for p2.8xlarge/p2.16xlarge, GPUs for p2.xlarge",
            "aws_vms GpuInfo NVIDIA Tesla K80 24", "same rows as AcceleratorName K80 24",
            "vast_vms AcceleratorName RTX3060 8", "Vast drops 'Ti': InstanceType says RTX_3060_Ti",
            "vast_vms AcceleratorName RTX4060 16", "Vast drops 'Ti': InstanceType says RTX_4060_Ti",
            "vast_vms AcceleratorName RTX4070 15.99", "Vast drops 'Ti SUPER': InstanceType says RTX_4070S_Ti");

    private record Entry(String source, String column, String name, OptionalDouble memoryGib, String memoryText) {

        String key() {
            return String.join(" ", source, column, name, memoryText).strip();
        }

        @Override
        public String toString() {
            return source + " " + column + " '" + name + "'" + (memoryText.isEmpty() ? "" : " @ " + memoryText + " GiB");
        }
    }

    private static List<Entry> entries(String source) {
        String resource = "/accelerator-names/" + source + ".txt";
        try (InputStream in = AcceleratorNamesInPriceDataTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> {
                        String[] fields = line.split("\t");
                        String memory = fields.length > 2 ? fields[2] : "";
                        return new Entry(source, fields[0], fields[1],
                                memory.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(memory)),
                                memory);
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Entry> allEntries() {
        return SOURCES.stream().flatMap(source -> entries(source).stream());
    }

    @TestFactory
    Stream<DynamicTest> everyNameInTheDataResolves() {
        return allEntries().map(entry -> DynamicTest.dynamicTest(entry.toString(), () -> {
            if (NOT_ACCELERATORS.containsKey(entry.name())) {
                assertEquals(Optional.empty(), VOCABULARY.resolve(entry.name()));
                return;
            }
            boolean ambiguous = AMBIGUOUS_WITHOUT_MEMORY.containsKey(entry.name());
            assertEquals(!ambiguous, VOCABULARY.resolve(entry.name()).isPresent(),
                    (ambiguous ? "resolved an ambiguous name without its memory: " : "unknown name: ") + entry);
            if (entry.memoryGib().isPresent()) {
                boolean contradicts = NAME_CONTRADICTS_MEMORY.containsKey(entry.key());
                assertEquals(!contradicts,
                        VOCABULARY.resolve(entry.name(), entry.memoryGib().getAsDouble()).isPresent(),
                        (contradicts ? "accepted a name its memory contradicts: " : "name and memory disagree: ") + entry);
            }
        }));
    }

    @Test
    void everyExceptionIsStillInTheData() {
        List<Entry> entries = allEntries().toList();
        Stream.concat(NOT_ACCELERATORS.keySet().stream(), AMBIGUOUS_WITHOUT_MEMORY.keySet().stream())
                .forEach(name -> assertTrue(entries.stream().anyMatch(entry -> entry.name().equals(name)), name));
        NAME_CONTRADICTS_MEMORY.keySet()
                .forEach(key -> assertTrue(entries.stream().anyMatch(entry -> entry.key().equals(key)), key));
    }

    @Test
    void awsSpotChecks() {
        assertMaps("aws_vms", "NVIDIA T4 Tensor Core", "nvidia-t4");
        assertMaps("aws_vms", "NVIDIA T4G Tensor Core", "nvidia-t4");
        assertMaps("aws_vms", "A10G", "nvidia-a10g");
        assertMaps("aws_vms", "A100-80GB", "nvidia-a100-80gb");
        assertMaps("aws_vms", "NVIDIA A100", 80, "nvidia-a100-80gb");
        assertMaps("aws_vms", "V100-32GB", "nvidia-v100-32gb");
        assertMaps("aws_vms", "Trainium", "aws-trainium");
        assertMaps("aws_vms", "Qualcomm AI 100", 16, "qualcomm-cloud-ai-100-standard");
        assertMaps("aws_vms", "B300", 262.5, "nvidia-b300");
    }

    @Test
    void azureSpotChecks() {
        assertMaps("azure_vms", "A10", "nvidia-a10");
        assertMaps("azure_vms", "A100", "nvidia-a100-40gb");
        assertMaps("azure_vms", "MI25", "amd-mi25");
        assertMaps("azure_vms", "MI300X", "amd-mi300x");
        assertMaps("azure_vms", "V100-32GB", "nvidia-v100-32gb");
    }

    @Test
    void gcpSpotChecks() {
        assertMaps("gcp_vms", "A100", 40, "nvidia-a100-40gb");
        assertMaps("gcp_vms", "H100-MEGA", 80, "nvidia-h100-80gb");
        assertMaps("gcp_vms", "P4", 8, "nvidia-p4");
        assertMaps("gcp_vms", "tpu-v5litepod-8", "google-tpu-v5e");
        assertMaps("gcp_vms", "tpu-v5p-10240", "google-tpu-v5p");
        assertMaps("gcp_vms", "tpu-v6e-1", "google-tpu-v6e");
        assertMaps("gcp_vms", "tpu-v2-8", "google-tpu-v2");
    }

    @Test
    void vastSpotChecks() {
        assertMaps("vast_vms", "A100", 80, "nvidia-a100-80gb");
        assertMaps("vast_vms", "H100", 93.58, "nvidia-h100-nvl-94gb");
        assertMaps("vast_vms", "H100_SXM", 79.65, "nvidia-h100-80gb");
        assertMaps("vast_vms", "RTX_4070S_Ti", 15.99, "nvidia-rtx-4070-ti-super");
        assertMaps("vast_vms", "RTXPRO6000WS", 95.59, "nvidia-rtx-pro-6000-ws");
        assertMaps("vast_vms", "RTX5880-Ada", "nvidia-rtx-5880-ada");
    }

    @Test
    void mlperfSpotChecks() {
        assertMaps("mlperf", "NVIDIA H100 80GB HBM3", "nvidia-h100-80gb");
        assertMaps("mlperf", "NVIDIA H100-PCIe-80GB", "nvidia-h100-pcie-80gb");
        assertMaps("mlperf", "NVIDIA H100 NVL", "nvidia-h100-nvl-94gb");
        assertMaps("mlperf", "NVIDIA GH200-GraceHopper-Superchip", 96, "nvidia-gh200-96gb");
        assertMaps("mlperf", "NVIDIA HGX A100 SXM", 80, "nvidia-a100-80gb");
        assertMaps("mlperf", "AMD MI300X-NPS1-SPX-192GB-750W", "amd-mi300x");
        assertMaps("mlperf", "Intel® Gaudi® 2 AI Accelerator", "intel-gaudi2");
        assertMaps("mlperf", "TPU v5e", "google-tpu-v5e");
        assertMaps("mlperf", "QUALCOMM Cloud AI 100 Ultra", "qualcomm-cloud-ai-100-ultra");
        assertMaps("mlperf", "UntetherAI speedAI240 Preview", "untether-speedai240-preview");
        assertMaps("mlperf", "NVIDIA Orin NX 16G", "nvidia-jetson-orin-nx-16gb");
    }

    private static void assertMaps(String source, String name, String expectedId) {
        assertInData(source, name);
        assertEquals(expectedId, VOCABULARY.resolve(name).map(a -> a.id().id()).orElse("<none>"), name);
    }

    private static void assertMaps(String source, String name, double memoryGib, String expectedId) {
        assertInData(source, name);
        assertEquals(expectedId, VOCABULARY.resolve(name, memoryGib).map(a -> a.id().id()).orElse("<none>"), name);
    }

    private static void assertInData(String source, String name) {
        if (entries(source).stream().noneMatch(entry -> entry.name().equals(name))) {
            fail(name + " is not among the names of " + source);
        }
    }
}
