package dev.inferplan.pricing.pricelists;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an offer prices. GCP sells GPUs and TPUs you attach to a VM as prices of their own (rows
 * with an empty InstanceType in SkyPilot's catalog, one row per count: 1, 2, 4, 8 GPUs, or a TPU
 * slice), and prices its accelerator-optimized machine types (a2, a3, a4, g2) without their GPUs
 * (checked against SkyPilot's fetch_gcp.py and the data). Neither can be deployed alone: they are
 * <em>parts</em>. When a version is published, each attachable accelerator is combined with every
 * host that can carry it in the same zone and purchase option into a {@link #CONFIGURATION}
 * ({@code book.DeployableConfigurations}, rules in {@code skypilot.GcpAttachableHosts}).
 */
public enum OfferKind {
    /** A whole instance type (its accelerators included where the source prices them so, e.g. AWS p4d). */
    INSTANCE,
    /** One accelerator (or one TPU slice) priced on its own, to be attached to an instance: a part. */
    ATTACHABLE_ACCELERATOR,
    /** A machine type priced without the accelerators it cannot run without (GCP a2/a3/a4/g2): a part. */
    HOST,
    /** A deployable combination of parts (a host + N attachable accelerators), priced as their sum. */
    CONFIGURATION,
    /**
     * Work priced per unit (a hosted model API, a per-request endpoint, a per-image licence) rather than per
     * instance-hour: no hourly price, so never among the deployable kinds hourly reads compare; read with
     * {@code kind=PER_UNIT}.
     */
    PER_UNIT;

    /** What can be deployed as it is: what queries return unless asked for parts. */
    public static final Set<OfferKind> DEPLOYABLE = Set.copyOf(EnumSet.of(INSTANCE, CONFIGURATION));
    /** The raw parts of configurations ({@code kind=PART}). */
    public static final Set<OfferKind> PARTS = Set.copyOf(EnumSet.of(ATTACHABLE_ACCELERATOR, HOST));

    /**
     * The kinds a caller's list of kind names means: empty means {@link #DEPLOYABLE}; {@code PART} means
     * {@link #PARTS}; otherwise the named kinds.
     *
     * @throws IllegalArgumentException naming an unknown kind
     */
    public static Set<OfferKind> parseAll(java.util.Collection<String> names) {
        if (names.isEmpty()) {
            return DEPLOYABLE;
        }
        EnumSet<OfferKind> kinds = EnumSet.noneOf(OfferKind.class);
        for (String name : names) {
            String n = name == null ? "" : name.strip().toUpperCase(java.util.Locale.ROOT);
            if (n.equals("PART")) {
                kinds.addAll(PARTS);
            } else {
                try {
                    kinds.add(OfferKind.valueOf(n));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown offer kind " + SourceText.quote(name)
                            + ": one of PART, INSTANCE, CONFIGURATION, ATTACHABLE_ACCELERATOR, HOST, PER_UNIT");
                }
            }
        }
        return Set.copyOf(kinds);
    }
}
