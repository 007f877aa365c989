package dev.inferplan.contracts.accelerators;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One accelerator model of the canonical vocabulary.
 *
 * @param id                 the canonical id
 * @param vendor             who makes or sells it ("NVIDIA", "AWS", "Google")
 * @param displayName        a human-readable name
 * @param memoryGibPerDevice the vendor's nominal memory of one device in GiB (for a TPU, one
 *                           chip), or {@code null} where no figure is known; sources that
 *                           measure it report a few percent less
 * @param kind               what sort of chip it is
 */
public record Accelerator(
        AcceleratorId id, String vendor, String displayName, Double memoryGibPerDevice, AcceleratorKind kind) {

    public Accelerator {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        if (vendor == null || vendor.isBlank()) {
            throw new IllegalArgumentException("vendor missing for " + id);
        }
        if (displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException("display name missing for " + id);
        }
        if (memoryGibPerDevice != null && !(memoryGibPerDevice > 0 && Double.isFinite(memoryGibPerDevice))) {
            throw new IllegalArgumentException("memory of " + id + " must be positive: " + memoryGibPerDevice);
        }
    }

    /** {@link #memoryGibPerDevice()} without the null. */
    public OptionalDouble memoryGib() {
        return memoryGibPerDevice == null ? OptionalDouble.empty() : OptionalDouble.of(memoryGibPerDevice);
    }
}
