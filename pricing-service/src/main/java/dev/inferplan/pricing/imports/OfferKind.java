package dev.inferplan.pricing.imports;

/**
 * What an offer prices. GCP sells GPUs and TPUs you attach to a VM as prices of their own (rows
 * with an empty InstanceType in SkyPilot's catalog); a plan such as "n1-standard-8 + 4×T4" is the
 * VM's instance offer plus four times the attachable accelerator's offer in the same region.
 */
public enum OfferKind {
    /** A whole instance type (accelerators included where the type has them, e.g. a2/a3, p4d). */
    INSTANCE,
    /** One accelerator (or one TPU slice) priced on its own, to be attached to an instance. */
    ATTACHABLE_ACCELERATOR
}
