package dev.inferplan.pricing.imports.skypilot;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;

/**
 * Which GCP host can carry which attachable accelerator, and how many: what makes a deployable
 * configuration out of the parts GCP prices apart. The rules are SkyPilot's
 * ({@code sky/catalog/gcp_catalog.py}, {@code check_accelerator_attachable_to_host} and
 * {@code _NUM_ACC_TO_MAX_CPU_AND_MEMORY}), which follow GCP's GPU documentation:
 * <ul>
 *   <li>A machine type with built-in GPUs ({@link GcpGpuHosts}: a2, a3, a4, g2) carries exactly its
 *   own GPUs: the attachable row of the same name (SkyPilot matches the catalog's AcceleratorName,
 *   case-insensitively: H100 and H100-MEGA are different rows of one canonical id) and count.</li>
 *   <li>K80, V100, T4, P4 and P100 attach to N1 machine types ({@code n1-standard-}, {@code n1-highmem-},
 *   {@code n1-highcpu-}) in the counts GCP sells, on a host of at most a number of vCPUs and GiB of
 *   memory per count ({@link #N1_LIMITS}; P100 × 4 in us-east1-c, europe-west1-d and europe-west1-b at
 *   most 64 vCPUs / 208 GiB; K80 × 8 in asia-east1-a and us-east1-d up to 416 GiB).</li>
 *   <li>Any other GPU attaches to no host here (SkyPilot has no rule for it): it stays a part.</li>
 * </ul>
 * TPU slices are not attached to a priced host: SkyPilot prices a TPU VM's host at 0 and the slice
 * alone ({@code get_hourly_cost('TPU-VM')}); a slice is a configuration of one part on {@link #TPU_VM}.
 */
public final class GcpAttachableHosts {

    /** The instance type a TPU slice's configuration names: the TPU VM, whose host GCP does not charge. */
    public static final String TPU_VM = "TPU-VM";

    /** The largest N1 host (vCPUs, GiB) a count of one GPU may be attached to. */
    record Limit(int maxVcpus, int maxMemoryGib) {
    }

    /** By the catalog's GPU name, then count: GCP's limits as SkyPilot states them. */
    static final Map<String, Map<Integer, Limit>> N1_LIMITS = Map.of(
            "K80", Map.of(1, new Limit(8, 52), 2, new Limit(16, 104), 4, new Limit(32, 208), 8, new Limit(64, 208)),
            "V100", Map.of(1, new Limit(12, 78), 2, new Limit(24, 156), 4, new Limit(48, 312), 8, new Limit(96, 624)),
            "T4", Map.of(1, new Limit(48, 312), 2, new Limit(48, 312), 4, new Limit(96, 624)),
            "P4", Map.of(1, new Limit(24, 156), 2, new Limit(48, 312), 4, new Limit(96, 624)),
            "P100", Map.of(1, new Limit(16, 104), 2, new Limit(32, 208), 4, new Limit(96, 624)));

    private static final Set<String> P100_X4_SMALL_ZONES = Set.of("us-east1-c", "europe-west1-d", "europe-west1-b");
    private static final Set<String> K80_X8_LARGE_ZONES = Set.of("asia-east1-a", "us-east1-d");
    private static final String[] N1_FAMILIES = {"n1-standard-", "n1-highmem-", "n1-highcpu-"};

    /** N1 rules by canonical accelerator id, so a catalog's other spellings of T4 etc. attach too. */
    private static final Map<String, String> N1_BY_ID = n1ById();

    private GcpAttachableHosts() {
    }

    /**
     * Whether a host (an INSTANCE or HOST offer of the zone) can carry {@code count} accelerators of an
     * attachable row.
     *
     * @param sourceName the attachable row's AcceleratorName as the catalog writes it
     * @param acceleratorId its canonical id
     */
    public static boolean carries(String hostType, BigDecimal hostVcpus, BigDecimal hostMemoryGib, String zone,
                                  String sourceName, String acceleratorId, BigDecimal count) {
        if (count == null || count.signum() <= 0 || count.stripTrailingZeros().scale() > 0) {
            return false;
        }
        int n = count.intValueExact();
        var hosted = GcpGpuHosts.of(hostType);
        if (hosted.isPresent()) {
            return hosted.get().count() == n && sourceName != null
                    && hosted.get().acceleratorName().equalsIgnoreCase(sourceName.strip());
        }
        String gpu = N1_BY_ID.get(acceleratorId);
        if (gpu == null || !isN1(hostType) || hostVcpus == null || hostMemoryGib == null) {
            return false;
        }
        Limit limit = N1_LIMITS.get(gpu).get(n);
        if (limit == null) {
            return false; // a count GCP does not sell on N1 (T4 × 8)
        }
        int maxVcpus = limit.maxVcpus();
        int maxMemory = limit.maxMemoryGib();
        if (gpu.equals("P100") && n == 4 && P100_X4_SMALL_ZONES.contains(zone)) {
            maxVcpus = 64;
            maxMemory = 208;
        } else if (gpu.equals("K80") && n == 8 && K80_X8_LARGE_ZONES.contains(zone)) {
            maxMemory = 416;
        }
        return hostVcpus.compareTo(BigDecimal.valueOf(maxVcpus)) <= 0
                && hostMemoryGib.compareTo(BigDecimal.valueOf(maxMemory)) <= 0;
    }

    /** Whether a host type could carry some attachable accelerator (what the publisher reads as candidates). */
    public static boolean mayCarry(String hostType) {
        return GcpGpuHosts.of(hostType).isPresent() || isN1(hostType);
    }

    static boolean isN1(String hostType) {
        String type = hostType.toLowerCase(Locale.ROOT);
        for (String family : N1_FAMILIES) {
            if (type.startsWith(family)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> n1ById() {
        AcceleratorVocabulary vocabulary = AcceleratorVocabulary.standard();
        Map<String, String> byId = new HashMap<>();
        for (String gpu : N1_LIMITS.keySet()) {
            byId.put(vocabulary.resolveOrThrow(gpu).id().id(), gpu);
        }
        return Map.copyOf(byId);
    }
}
