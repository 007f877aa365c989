package dev.inferplan.recommender.snapshots;

import dev.inferplan.contracts.money.Money;

/**
 * A per-unit offer of the price book (pricing's {@code PER_UNIT} kind): a hosted model API, a per-request or
 * per-image price of {@code servedModel}, {@code unitPriceUsd} for one {@code unit} (contracts {@code PriceUnit}
 * label: REQUEST, 1K_INPUT_TOKENS, 1K_OUTPUT_TOKENS, IMAGE, 1K_CHARACTERS). A hosted model version is priced by
 * the offers of its served model.
 */
public record UnitOffer(String provider, String region, String instanceType, String purchaseOption, String unit,
                        String servedModel, Money unitPriceUsd, long priceBookVersion) {

    /** Where one price sheet applies: an input-token and an output-token price of one endpoint go together. */
    public String sheet() {
        return provider + "|" + region + "|" + instanceType + "|" + purchaseOption;
    }
}
