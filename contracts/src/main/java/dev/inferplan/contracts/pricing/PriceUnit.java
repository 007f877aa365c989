package dev.inferplan.contracts.pricing;

import java.util.Locale;
import java.util.Optional;

/**
 * The unit of work a per-unit offer is priced by (a hosted model API, a per-request endpoint, a
 * per-image on-device licence) instead of an instance-hour. The one vocabulary pricing imports,
 * the price book stores and the recommender multiplies by a volume.
 */
public enum PriceUnit {
    /** One request (call) to the served model, whatever its size. */
    REQUEST("REQUEST", 1),
    /** 1,000 input (prompt) tokens. */
    INPUT_TOKENS_1K("1K_INPUT_TOKENS", 1000),
    /** 1,000 output (completion) tokens. */
    OUTPUT_TOKENS_1K("1K_OUTPUT_TOKENS", 1000),
    /** One image processed or generated. */
    IMAGE("IMAGE", 1),
    /** 1,000 characters of text (speech and translation APIs). */
    CHARACTERS_1K("1K_CHARACTERS", 1000);

    private final String label;
    private final int quantity;

    PriceUnit(String label, int quantity) {
        this.label = label;
        this.quantity = quantity;
    }

    /** The name on the wire and in price lists ({@code 1K_INPUT_TOKENS}): Java names cannot start with a digit. */
    public String label() {
        return label;
    }

    /** How many of the underlying things (tokens, characters, requests) one unit is. */
    public int quantity() {
        return quantity;
    }

    /** Accepts the label in any case ({@code 1k_input_tokens}, {@code request}); empty for anything else. */
    public static Optional<PriceUnit> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String key = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (PriceUnit unit : values()) {
            if (unit.label.equals(key)) {
                return Optional.of(unit);
            }
        }
        return Optional.empty();
    }

    /** The labels, for messages that list what is accepted. */
    public static String labels() {
        return String.join(", ", java.util.Arrays.stream(values()).map(PriceUnit::label).toList());
    }
}
