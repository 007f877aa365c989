package dev.inferplan.pricing.imports;

/**
 * What an offer prices. GCP sells GPUs and TPUs you attach to a VM as prices of their own (rows
 * with an empty InstanceType in SkyPilot's catalog, one row per count: 1, 2, 4, 8 GPUs, or a TPU
 * slice); a plan such as "n1-standard-8 + 4×T4" is the VM's instance offer plus the attachable
 * offer for 4 T4s in the same zone. GCP's accelerator-optimized hosts (a2, a3, a4, g2) are priced
 * without their GPUs too (checked against SkyPilot's fetch_gcp.py and the data): their plans add
 * the attachable offer as well ({@code skypilot.GcpGpuHosts} says which).
 */
public enum OfferKind {
    /** A whole instance type (its accelerators included where the source prices them so, e.g. AWS p4d). */
    INSTANCE,
    /** One accelerator (or one TPU slice) priced on its own, to be attached to an instance. */
    ATTACHABLE_ACCELERATOR
}
