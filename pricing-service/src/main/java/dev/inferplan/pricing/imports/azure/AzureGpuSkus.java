package dev.inferplan.pricing.imports.azure;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The accelerators of Azure's GPU VM sizes, which the Retail Prices API does not state: it names
 * the size ({@code armSkuName}) and nothing about its hardware. Each family is a pattern over the
 * size name whose first group is the size's vCPU count, and the number of accelerators of each
 * size of the family. Names are source names for the accelerator vocabulary, which gives the ids.
 *
 * <p>Checked against the sizes of the project's SkyPilot-format Azure catalog (the test oracle,
 * {@code cloud-catalog/azure_vms_accelerated_sizes.csv}), with deliberate differences where that
 * catalog simplifies and Microsoft's size documentation is precise:
 * <ul>
 *   <li>NC H100 v5 and NCC H100 v5 carry the H100 NVL (94 GB), not the SXM part SkyPilot's bare
 *       "H100" means;</li>
 *   <li>NVv4 sizes get a fraction of one MI25 (1/8, 1/4, 1/2, 1), where SkyPilot counts 1 for all.</li>
 * </ul>
 * Fractions of a GPU (NVads A10 v5) are written as SkyPilot writes them (0.167, 0.333, ...), so
 * that the same size imports with the same count from either source. The families NC (K80),
 * NCv2 (P100) and NV (M60) retired in 2023 and are not in that catalog; their counts are from
 * Microsoft's size documentation, for price lists from before then.
 *
 * <p>A size that looks accelerated ({@code Standard_NC...}, {@code ND}, {@code NG}, {@code NP}
 * (FPGA), {@code NV}) but is in no family here is an unknown GPU SKU family: the reader rejects
 * it rather than price a GPU VM as a CPU-only one.
 */
public final class AzureGpuSkus {

    /** The accelerators of one size: a vocabulary source name and how many (possibly a fraction). */
    public record Gpu(String family, String acceleratorName, BigDecimal count, int vcpus) {
    }

    /** One family: sizes matching {@code pattern} (group 1 = vCPUs), accelerators by vCPU count. */
    record Family(String name, Pattern pattern, String acceleratorName, Map<Integer, BigDecimal> countByVcpus,
                  boolean retired) {
    }

    private static final Pattern ACCELERATED = Pattern.compile("Standard_N[CDGPV].*", Pattern.CASE_INSENSITIVE);
    private static final Pattern PROMO = Pattern.compile("_Promo$", Pattern.CASE_INSENSITIVE);

    static final List<Family> FAMILIES = List.of(
            family("NCasT4_v3", "Standard_NC(\\d+)as_T4_v3", "T4", Map.of(4, "1", 8, "1", 16, "1", 64, "4")),
            family("NCv3", "Standard_NC(\\d+)r?s_v3", "V100", Map.of(6, "1", 12, "2", 24, "4")),
            family("NDv2", "Standard_ND(\\d+)rs_v2", "V100-32GB", Map.of(40, "8")),
            family("NC_A100_v4", "Standard_NC(\\d+)ads_A100_v4", "A100-80GB", Map.of(24, "1", 48, "2", 96, "4")),
            family("ND_A100_v4", "Standard_ND(\\d+)asr_v4", "A100", Map.of(96, "8")),
            family("NDm_A100_v4", "Standard_ND(\\d+)amsr_A100_v4", "A100-80GB", Map.of(96, "8")),
            family("NC_A10_v4", "Standard_NC(\\d+)ads_A10_v4", "A10", Map.of(8, "1", 16, "1", 32, "2")),
            family("NVads_A10_v5", "Standard_NV(\\d+)adm?s_A10_v5", "A10",
                    Map.of(6, "0.167", 12, "0.333", 18, "0.5", 36, "1", 72, "2")),
            family("NC_H100_v5", "Standard_NC(\\d+)adi?s_H100_v5", "H100-NVL", Map.of(40, "1", 80, "2")),
            family("NCC_H100_v5", "Standard_NCC(\\d+)ads_H100_v5", "H100-NVL", Map.of(40, "1")),
            family("ND_H100_v5", "Standard_ND(\\d+)isr_H100_v5", "H100", Map.of(96, "8")),
            family("ND_H200_v5", "Standard_ND(\\d+)isr_H200_v5", "H200", Map.of(96, "8")),
            family("ND_MI300X_v5", "Standard_ND(\\d+)isr_MI300X_v5", "MI300X", Map.of(96, "8")),
            family("NVv3", "Standard_NV(\\d+)s_v3", "M60", Map.of(12, "1", 24, "2", 48, "4")),
            family("NVv4", "Standard_NV(\\d+)as_v4", "MI25", Map.of(4, "0.125", 8, "0.25", 16, "0.5", 32, "1")),
            retired("NC", "Standard_NC(\\d+)r?", "K80", Map.of(6, "1", 12, "2", 24, "4")),
            retired("NCv2", "Standard_NC(\\d+)r?s_v2", "P100", Map.of(6, "1", 12, "2", 24, "4")),
            retired("NV", "Standard_NV(\\d+)", "M60", Map.of(6, "1", 12, "2", 24, "4")));

    private AzureGpuSkus() {
    }

    /** The accelerators of a size, or empty for a size in no family (CPU-only or unknown). */
    public static Optional<Gpu> lookup(String armSkuName) {
        if (armSkuName == null) {
            return Optional.empty();
        }
        String size = PROMO.matcher(armSkuName.strip()).replaceFirst("");
        for (Family family : FAMILIES) {
            Matcher match = family.pattern().matcher(size);
            if (match.matches()) {
                int vcpus = Integer.parseInt(match.group(1));
                BigDecimal count = family.countByVcpus().get(vcpus);
                return count == null
                        ? Optional.empty()
                        : Optional.of(new Gpu(family.name(), family.acceleratorName(), count, vcpus));
            }
        }
        return Optional.empty();
    }

    /** Whether the size is an N-series (accelerated) size, known here or not. */
    public static boolean looksAccelerated(String armSkuName) {
        return armSkuName != null && ACCELERATED.matcher(armSkuName.strip()).matches();
    }

    private static Family family(String name, String regex, String accelerator, Map<Integer, String> counts) {
        return new Family(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), accelerator, decimals(counts), false);
    }

    private static Family retired(String name, String regex, String accelerator, Map<Integer, String> counts) {
        return new Family(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE), accelerator, decimals(counts), true);
    }

    private static Map<Integer, BigDecimal> decimals(Map<Integer, String> counts) {
        return counts.entrySet().stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> new BigDecimal(e.getValue())));
    }
}
