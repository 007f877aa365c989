package dev.inferplan.catalog.versions;

/**
 * A version's evidence changed (a quality metric or a cost estimate was added): fired synchronously
 * inside the command's transaction, with the version's row lock held, so that what depends on the
 * evidence (the proposed tier) is brought up to date in the same transaction. The package that owns
 * the evidence fires it; the one that derives from it observes it, and neither imports the other.
 */
public record EvidenceChanged(ModelVersion version, String actor) {
}
