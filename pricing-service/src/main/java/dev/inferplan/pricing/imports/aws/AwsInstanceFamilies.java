package dev.inferplan.pricing.imports.aws;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which accelerator an EC2 instance family carries. The offer file gives the number of GPUs
 * ({@code gpu}) and sometimes their memory ({@code gpuMemory}), but not the model, so the model
 * comes from the family (the part of the instance type before the dot: {@code p4d} of
 * {@code p4d.24xlarge}). Every name here must resolve in the accelerator vocabulary (a unit test
 * checks it); a family missing from this table whose SKU says {@code gpu > 0} is a rejected row
 * naming the family, never a guess.
 */
final class AwsInstanceFamilies {

    /**
     * @param acceleratorName a name the accelerator vocabulary resolves, with the memory variant
     *                        where the model comes in several (p4d's A100 is the 40GB part)
     */
    record Family(String name, String acceleratorName) {
    }

    private static final Map<String, String> ACCELERATOR_BY_FAMILY = Map.ofEntries(
            Map.entry("p2", "K80"),
            Map.entry("p3", "V100-16GB"),
            Map.entry("p3dn", "V100-32GB"),
            Map.entry("p4d", "A100-40GB"),
            Map.entry("p4de", "A100-80GB"),
            Map.entry("p5", "H100"),
            Map.entry("p5e", "H200"),
            Map.entry("p5en", "H200"),
            Map.entry("p6-b200", "B200"),
            Map.entry("p6-b300", "B300"),
            Map.entry("g2", "K520"),
            Map.entry("g3", "M60"),
            Map.entry("g3s", "M60"),
            Map.entry("g4dn", "T4"),
            Map.entry("g4ad", "Radeon Pro V520"),
            Map.entry("g5", "A10G"),
            // a T4 attached to a Graviton2 host
            Map.entry("g5g", "T4g"),
            Map.entry("g6", "L4"),
            Map.entry("gr6", "L4"),
            Map.entry("g6e", "L40S"),
            Map.entry("inf1", "Inferentia"),
            Map.entry("inf2", "Inferentia2"),
            Map.entry("trn1", "Trainium"),
            Map.entry("trn1n", "Trainium"),
            Map.entry("trn2", "Trainium2"),
            Map.entry("dl2q", "AI 100"));

    /**
     * Families whose accelerator the vocabulary has no entry for. Their SKUs are rejected rather
     * than priced as CPU-only machines (an FPGA or Gaudi box is not a CPU offer).
     */
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "dl1", "Habana Gaudi (first generation)",
            "f1", "Xilinx FPGAs",
            "f2", "Xilinx FPGAs",
            "vt1", "Xilinx video transcoding cards");

    /**
     * Devices per instance for the AWS chips, from AWS's instance-type documentation. Only used
     * when a SKU of one of these families carries no {@code gpu} attribute; GPU families must
     * state their count.
     */
    private static final Map<String, Integer> ASIC_DEVICES = Map.ofEntries(
            Map.entry("inf1.xlarge", 1),
            Map.entry("inf1.2xlarge", 1),
            Map.entry("inf1.6xlarge", 4),
            Map.entry("inf1.24xlarge", 16),
            Map.entry("inf2.xlarge", 1),
            Map.entry("inf2.8xlarge", 1),
            Map.entry("inf2.24xlarge", 6),
            Map.entry("inf2.48xlarge", 12),
            Map.entry("trn1.2xlarge", 1),
            Map.entry("trn1.32xlarge", 16),
            Map.entry("trn1n.32xlarge", 16),
            Map.entry("trn2.48xlarge", 16));

    private AwsInstanceFamilies() {
    }

    /** "p4d" of "p4d.24xlarge", "p6-b200" of "p6-b200.48xlarge". */
    static String familyOf(String instanceType) {
        int dot = instanceType.indexOf('.');
        return dot < 0 ? instanceType : instanceType.substring(0, dot);
    }

    static Optional<Family> of(String family) {
        String name = ACCELERATOR_BY_FAMILY.get(family);
        return name == null ? Optional.empty() : Optional.of(new Family(family, name));
    }

    /** What the family carries, if it is a family this reader refuses; empty otherwise. */
    static Optional<String> unsupported(String family) {
        return Optional.ofNullable(UNSUPPORTED.get(family));
    }

    /** The device count of an Inferentia or Trainium instance type, when AWS documents it. */
    static OptionalInt asicDevices(String instanceType) {
        Integer count = ASIC_DEVICES.get(instanceType);
        return count == null ? OptionalInt.empty() : OptionalInt.of(count);
    }

    /** Every family of the table with its accelerator name (for checks against the vocabulary). */
    static Map<String, String> all() {
        return ACCELERATOR_BY_FAMILY;
    }
}
