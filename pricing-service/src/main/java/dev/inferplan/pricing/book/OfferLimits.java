package dev.inferplan.pricing.book;

import java.math.BigDecimal;
import java.util.Optional;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.pricing.pricelists.OfferField;
import dev.inferplan.pricing.pricelists.OfferRow;
import dev.inferplan.pricing.pricelists.SourceText;

/**
 * What the price book's columns hold (V2__price_book.sql), checked for every offer before it is
 * written: a value beyond them is a rejected row naming its line and column, never the database's
 * own error ("Value too long for column …") or a silently rounded or cut value.
 */
final class OfferLimits {

    static final int REGION = 64;
    static final int ZONE = 64;
    static final int INSTANCE_TYPE = 128;
    static final int ACCELERATOR = 64;
    static final int CPU_ARCHITECTURE = 32;
    static final int UNIT = 32;
    static final int OFFER_KEY = 400;
    static final int SERVED_MODEL = 128;
    /** DECIMAL(24,10): money. */
    private static final Digits MONEY = new Digits(14, Money.MAX_SCALE);
    /** DECIMAL(10,4): accelerators per offer. */
    private static final Digits COUNT = new Digits(6, 4);
    /** DECIMAL(10,2): vCPUs and GiB per device. */
    private static final Digits SMALL = new Digits(8, 2);
    /** DECIMAL(12,3): GiB of memory. */
    private static final Digits MEMORY = new Digits(9, 3);

    private OfferLimits() {
    }

    /** A field of one offer its column cannot hold, and why. */
    record Violation(OfferField field, String reason) {
    }

    /** Digits before and after the point that a DECIMAL column holds. */
    private record Digits(int integer, int fraction) {

        boolean holds(BigDecimal value) {
            BigDecimal stripped = value.stripTrailingZeros();
            return stripped.precision() - stripped.scale() <= integer;
        }

        /** Whether the value needs no rounding to fit (quantities are never rounded silently). */
        boolean exact(BigDecimal value) {
            return value.stripTrailingZeros().scale() <= fraction;
        }

        String describe() {
            return "at most " + integer + " digits before the point";
        }
    }

    /** The first field of the offer that its column cannot hold, if any. */
    static Optional<Violation> check(OfferRow row) {
        Optional<Violation> text = text(OfferField.REGION, row.region(), REGION)
                .or(() -> text(OfferField.ZONE, row.zone(), ZONE))
                .or(() -> text(OfferField.INSTANCE_TYPE, row.instanceType(), INSTANCE_TYPE))
                .or(() -> text(OfferField.ACCELERATOR, row.accelerator(), ACCELERATOR))
                .or(() -> text(OfferField.CPU_ARCHITECTURE, row.cpuArchitecture(), CPU_ARCHITECTURE))
                .or(() -> text(OfferField.UNIT, row.sourceUnit(), UNIT));
        if (text.isPresent()) {
            return text;
        }
        if (row.sourceCurrency() == null || row.sourceCurrency().length() != 3) {
            return violation(OfferField.CURRENCY, "a currency is a three-letter ISO 4217 code, not "
                    + SourceText.quote(row.sourceCurrency()));
        }
        Optional<Violation> quantities = quantity(OfferField.ACCELERATOR_COUNT, row.acceleratorCount(), COUNT, true)
                .or(() -> quantity(OfferField.ACCELERATOR_MEMORY_GIB, row.acceleratorMemoryGib() == null ? null
                        : BigDecimal.valueOf(row.acceleratorMemoryGib()), SMALL, false))
                .or(() -> quantity(OfferField.VCPUS, row.vcpus(), SMALL, false))
                .or(() -> quantity(OfferField.MEMORY_GIB, row.memoryGib(), MEMORY, false));
        if (quantities.isPresent()) {
            return quantities;
        }
        if (row.upfrontUsd() != null && !MONEY.holds(row.upfrontUsd().usd())) {
            return violation(OfferField.UPFRONT, "the upfront fee in USD needs more than the book holds ("
                    + MONEY.describe() + ")");
        }
        if (row.perUnit() != null && row.perUnit().servedModel().length() > SERVED_MODEL) {
            return text(OfferField.SERVED_MODEL, row.perUnit().servedModel(), SERVED_MODEL);
        }
        for (BigDecimal money : new BigDecimal[] {row.hourlyUsd() == null ? null : row.hourlyUsd().usd(),
                row.sourcePrice(), row.perUnit() == null ? null : row.perUnit().unitPriceUsd().usd(),
                OfferBatchWriter.perUnit(row.hourlyUsd(), row.acceleratorCount()),
                OfferBatchWriter.perUnit(row.hourlyUsd(), row.vcpus())}) {
            if (money != null && !MONEY.holds(money)) {
                return violation(OfferField.PRICE, "the price, in USD per hour or per unit, needs more than the book"
                        + " holds (" + MONEY.describe() + ")");
            }
        }
        if (row.key().length() > OFFER_KEY) {
            return violation(OfferField.INSTANCE_TYPE, "what the offer is and where make a key longer than "
                    + OFFER_KEY + " characters");
        }
        return Optional.empty();
    }

    private static Optional<Violation> text(OfferField field, String value, int max) {
        if (value == null || value.length() <= max) {
            return Optional.empty();
        }
        return violation(field, field.suiteColumn().replace('_', ' ') + " is " + value.length()
                + " characters long, the book holds at most " + max + ": " + SourceText.quote(value));
    }

    private static Optional<Violation> quantity(OfferField field, BigDecimal value, Digits digits, boolean exact) {
        if (value == null) {
            return Optional.empty();
        }
        if (!digits.holds(value)) {
            return violation(field, field.suiteColumn().replace('_', ' ') + " " + SourceText.quote(value.toString())
                    + " is beyond what the book holds (" + digits.describe() + ")");
        }
        if (exact && !digits.exact(value)) {
            return violation(field, field.suiteColumn().replace('_', ' ') + " " + SourceText.quote(value.toString())
                    + " has more than " + digits.fraction() + " digits after the point");
        }
        return Optional.empty();
    }

    private static Optional<Violation> violation(OfferField field, String reason) {
        return Optional.of(new Violation(field, reason));
    }
}
