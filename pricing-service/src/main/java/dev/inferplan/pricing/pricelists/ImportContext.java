package dev.inferplan.pricing.pricelists;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Function;

import dev.inferplan.contracts.accelerators.AcceleratorId;
import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;

/**
 * What a reader needs besides the bytes: the provider the file is for, the FX table (USD per
 * unit of a currency; a non-USD price without a rate is a rejected row, never a guess), and the
 * accelerator vocabulary (the standard one and what admins added). An accelerator name the
 * vocabulary does not know is a rejected row naming the name, unless {@code unmappedAllowed}
 * (lenient imports): then the offer is imported under {@link #unmapped(String)} with a warning.
 */
public record ImportContext(String provider,
                            Function<String, Optional<BigDecimal>> usdPerUnit,
                            AcceleratorVocabulary accelerators,
                            boolean unmappedAllowed) {

    public ImportContext(String provider, Function<String, Optional<BigDecimal>> usdPerUnit,
                         AcceleratorVocabulary accelerators) {
        this(provider, usdPerUnit, accelerators, false);
    }

    /** The accelerator column's value for an offer whose accelerator name the vocabulary does not know. */
    public static String unmapped(String sourceName) {
        return AcceleratorId.UNMAPPED_PREFIX + sourceName.strip();
    }

    /** The warning that goes with an unmapped offer. */
    public static String unmappedWarning(String sourceName) {
        return "unknown accelerator " + SourceText.quote(sourceName.strip()) + " imported as "
                + SourceText.quote(unmapped(sourceName)) + ": map it (POST /api/pricing/accelerators) to re-label it";
    }

    /** The warning for a memory figure that fits no variant of the accelerator's name. */
    public static String memoryWarning(String sourceName, double statedGib, dev.inferplan.contracts.accelerators.Accelerator chosen) {
        return "the row states " + statedGib + " GiB per device, which fits no variant of " + SourceText.quote(sourceName)
                + "; imported as " + chosen.id() + " (" + chosen.memoryGib().orElse(Double.NaN)
                + " GiB), the default for that name";
    }
}
