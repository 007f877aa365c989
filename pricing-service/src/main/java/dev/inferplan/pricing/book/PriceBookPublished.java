package dev.inferplan.pricing.book;

/**
 * A new version of a provider's book (an import or a re-labelling). Fired inside the transaction
 * that writes the version, so an observer that must see it committed observes with
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)}: such observers run when the commit
 * succeeded and before the publishing call returns, so before the import reports itself done.
 */
public record PriceBookPublished(String provider, long versionId, long previousVersionId) {
    // previousVersionId is 0 for a provider's first version
}
