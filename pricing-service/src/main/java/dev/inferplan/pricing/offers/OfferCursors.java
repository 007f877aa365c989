package dev.inferplan.pricing.offers;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The {@code next}/{@code after} token of keyset paging: the last offer's sort value and id, opaque to
 * callers (base64url of {@code <value>:<id>}). A token names no version: a page read after an import
 * continues in the new versions from the same place.
 */
final class OfferCursors {

    private OfferCursors() {
    }

    static String encode(OfferRepository.Cursor cursor) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((cursor.value().toPlainString() + ':' + cursor.id())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a token names; empty for a blank token. @throws IllegalArgumentException for anything else */
    static Optional<OfferRepository.Cursor> decode(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            if (token.length() > 100) {
                throw new IllegalArgumentException();
            }
            String text = new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.UTF_8);
            int colon = text.lastIndexOf(':');
            BigDecimal value = new BigDecimal(text.substring(0, colon));
            long id = Long.parseLong(text.substring(colon + 1));
            if (value.precision() - value.scale() > 20 || value.scale() > 10) {
                throw new IllegalArgumentException();
            }
            return Optional.of(new OfferRepository.Cursor(value, id));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a page token this service gave out", e);
        }
    }
}
