package dev.inferplan.contracts.accelerators;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The canonical identity of one accelerator model, such as {@code nvidia-h100-80gb},
 * {@code nvidia-t4} or {@code google-tpu-v5e}: lowercase words joined by single dashes.
 *
 * <p>Ids carry the memory size only where the same model name ships in several sizes
 * ({@code nvidia-a100-40gb} / {@code nvidia-a100-80gb}), so that prices and benchmarks of
 * different parts never meet under one id. {@link AcceleratorVocabulary} maps source names here.
 */
public record AcceleratorId(String id) implements Comparable<AcceleratorId> {

    private static final Pattern PATTERN = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

    /**
     * No accelerator: the work runs on the host CPUs. The vocabulary never resolves a name to it,
     * because how a source marks CPU-only rows is source-specific (MLPerf writes "N/A", while an
     * empty GCP AcceleratorName also marks a2/a3 VMs whose GPUs are priced into the VM).
     */
    public static final AcceleratorId CPU = new AcceleratorId("cpu");

    /**
     * How the price book marks an offer whose accelerator name the vocabulary did not know when it was
     * imported leniently: {@code unmapped:<name as the source wrote it>}. Such a value is not an id (this
     * record refuses it); readers of offers compare it as a string, and an admin's mapping re-labels it.
     */
    public static final String UNMAPPED_PREFIX = "unmapped:";

    /** Whether an offer's accelerator value is an unmapped source name rather than a canonical id. */
    public static boolean isUnmapped(String value) {
        return value != null && value.startsWith(UNMAPPED_PREFIX);
    }

    public AcceleratorId {
        Objects.requireNonNull(id, "id");
        if (!PATTERN.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "accelerator id must be lowercase words joined by single dashes: '" + id + "'");
        }
    }

    @Override
    public int compareTo(AcceleratorId other) {
        return id.compareTo(other.id);
    }

    /** The bare id, as it appears on the wire. */
    @Override
    public String toString() {
        return id;
    }
}
