package dev.inferplan.pricing.imports;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Function;

import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;

/**
 * What a reader needs besides the bytes: the provider the file is for, the FX table (USD per
 * unit of a currency; a non-USD price without a rate is a rejected row, never a guess), and the
 * accelerator vocabulary (an unknown accelerator name is a rejected row naming the name).
 */
public record ImportContext(String provider,
                            Function<String, Optional<BigDecimal>> usdPerUnit,
                            AcceleratorVocabulary accelerators) {
}
