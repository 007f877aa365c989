package dev.inferplan.pricing.imports.aws;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.contracts.pricing.PaymentOption;
import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.pricing.pricelists.RowRejected;
import dev.inferplan.pricing.pricelists.SourceNumbers;

/**
 * Prices the terms of an EC2 offer file as {@link AwsOfferFileReader}'s class comment says: a
 * price dimension's amount in USD, and a reservation term (class, length, payment option, its
 * hourly rate and upfront fee) as one {@link Candidate} amortized over
 * {@link PurchaseOption#termHours()}. Pure: a term as read in, a candidate or a
 * {@link RowRejected} naming the JSON path out.
 */
final class AwsTermPrices {

    static final String LEASE = "LeaseContractLength";
    static final String OFFERING_CLASS = "OfferingClass";
    static final String PURCHASE_OPTION = "PurchaseOption";
    static final String HOURS_UNIT = "Hrs";
    static final String QUANTITY_UNIT = "Quantity";
    static final String UPFRONT_FEE_REASON = "upfront fee (unit Quantity) under OnDemand: not an hourly rate";

    /** One price dimension as read; {@code shapeProblem} is set when it was not an object. */
    record Dimension(String rateCode, String unit, String description, String beginRange,
                             String endRange, Map<String, String> prices, String shapeProblem) {
    }

    record Term(long line, String offerTermCode, String sku, Map<String, String> attributes,
                        List<Dimension> dimensions, Instant effectiveDate) {
    }

    /** A price in USD and as the source states it. */
    record Price(BigDecimal usd, BigDecimal source, String currency) {
    }

    /** One reservation term turned into an offer, waiting for the choice among purchase options. */
    record Candidate(PurchaseOption option, int purchaseRank, String purchaseName, Money hourly,
                             Money upfront, BigDecimal sourcePrice, String sourceCurrency, String sourceUnit,
                             long line, String path, Instant effectiveFrom) {

        PaymentOption payment() {
            return PaymentOption.values()[purchaseRank];
        }

        boolean samePrices(Candidate other) {
            return hourly.equals(other.hourly) && Objects.equals(upfront, other.upfront);
        }
    }

    private final Function<String, Optional<BigDecimal>> usdPerUnit;

    /** {@code usdPerUnit}: USD per unit of a currency, empty without a rate. */
    AwsTermPrices(Function<String, Optional<BigDecimal>> usdPerUnit) {
        this.usdPerUnit = Objects.requireNonNull(usdPerUnit, "usdPerUnit");
    }

    Candidate reservation(Term term, String path) {
        String attributesPath = path + ".termAttributes.";
        Map<String, String> attributes = term.attributes();
        String lease = attributes.get(LEASE);
        int years = switch (lease == null ? "" : lease.strip()) {
            case "1yr" -> 1;
            case "3yr" -> 3;
            default -> throw new RowRejected(attributesPath + LEASE, "a reservation needs LeaseContractLength "
                    + "1yr or 3yr, found '" + lease + "'");
        };
        String offeringClass = attributes.get(OFFERING_CLASS);
        boolean convertible = switch (offeringClass == null ? "" : offeringClass.strip().toLowerCase(Locale.ROOT)) {
            case "standard" -> false;
            case "convertible" -> true;
            default -> throw new RowRejected(attributesPath + OFFERING_CLASS, "a reservation needs OfferingClass "
                    + "standard or convertible, found '" + offeringClass + "'");
        };
        String purchase = attributes.get(PURCHASE_OPTION);
        int rank = switch (purchase == null ? "" : purchase.strip()) {
            case "No Upfront" -> 0;
            case "Partial Upfront" -> 1;
            case "All Upfront" -> 2;
            default -> throw new RowRejected(attributesPath + PURCHASE_OPTION, "a reservation needs PurchaseOption "
                    + "No Upfront, Partial Upfront or All Upfront, found '" + purchase + "'");
        };
        PurchaseOption option = convertible
                ? (years == 1 ? PurchaseOption.CONVERTIBLE_1Y : PurchaseOption.CONVERTIBLE_3Y)
                : (years == 1 ? PurchaseOption.RESERVED_1Y : PurchaseOption.RESERVED_3Y);

        Dimension hourlyDimension = null;
        Dimension upfrontDimension = null;
        for (Dimension dimension : term.dimensions()) {
            String dimensionPath = dimensionPath(path, dimension);
            if (HOURS_UNIT.equals(dimension.unit())) {
                if (hourlyDimension != null) {
                    throw new RowRejected(dimensionPath, "a second hourly (Hrs) dimension in one reservation");
                }
                if (tiered(dimension)) {
                    throw new RowRejected(dimensionPath, tieredReason(dimension));
                }
                hourlyDimension = dimension;
            } else if (isUpfrontFee(dimension)) {
                if (upfrontDimension != null) {
                    throw new RowRejected(dimensionPath, "a second upfront fee in one reservation");
                }
                upfrontDimension = dimension;
            } else {
                throw new RowRejected(dimensionPath, "unit '" + dimension.unit() + "' (" + dimension.description()
                        + ") is neither an hourly rate nor an upfront fee");
            }
        }
        Price hourly = hourlyDimension == null ? null : price(hourlyDimension, dimensionPath(path, hourlyDimension));
        Price upfront = upfrontDimension == null ? null
                : price(upfrontDimension, dimensionPath(path, upfrontDimension));
        boolean hasHourly = hourly != null && hourly.usd().signum() > 0;
        boolean hasUpfront = upfront != null && upfront.usd().signum() > 0;
        String where = path + ".priceDimensions";
        switch (rank) {
            case 0 -> {
                if (hourly == null) {
                    throw new RowRejected(where, "a No Upfront reservation without an hourly (Hrs) price");
                }
                if (hasUpfront) {
                    throw new RowRejected(dimensionPath(path, upfrontDimension),
                            "a No Upfront reservation with an upfront fee");
                }
            }
            case 1 -> {
                if (hourly == null || !hasUpfront) {
                    throw new RowRejected(where, "a Partial Upfront reservation needs both an upfront fee "
                            + "(Quantity) and an hourly (Hrs) price");
                }
            }
            default -> {
                if (!hasUpfront) {
                    throw new RowRejected(where, "an All Upfront reservation without an upfront fee (Quantity)");
                }
            }
        }
        BigDecimal hours = BigDecimal.valueOf(option.termHours());
        BigDecimal hourlyUsd = hourly == null ? BigDecimal.ZERO : hourly.usd();
        BigDecimal upfrontUsd = upfront == null ? BigDecimal.ZERO : upfront.usd();
        BigDecimal effective = hourlyUsd.multiply(hours).add(upfrontUsd)
                .divide(hours, Money.MAX_SCALE, RoundingMode.HALF_EVEN);
        if (effective.signum() == 0) {
            throw new RowRejected(where, "a reservation that costs nothing is not an offer");
        }
        // the figure that carries the price: the fee of an All Upfront term, the hourly rate otherwise
        boolean feeCarries = hasUpfront && !hasHourly;
        Price source = feeCarries ? upfront : hourly;
        return new Candidate(option, rank, purchase.strip(), new Money(effective),
                hasUpfront ? new Money(upfrontUsd) : null, source.source(), source.currency(),
                feeCarries ? QUANTITY_UNIT : HOURS_UNIT, term.line(), path, term.effectiveDate());
    }

    /** USD if the dimension has it, else the first currency with a rate, else a rejected row. */
    Price price(Dimension dimension, String path) {
        Map<String, String> prices = dimension.prices();
        String pricesPath = path + ".pricePerUnit";
        if (prices.isEmpty()) {
            throw new RowRejected(pricesPath, "the price dimension has no price");
        }
        String usd = prices.get("USD");
        if (usd != null) {
            BigDecimal amount = amount(usd, pricesPath + ".USD");
            return new Price(amount, amount, "USD");
        }
        for (Map.Entry<String, String> entry : prices.entrySet()) {
            Optional<BigDecimal> rate = usdPerUnit.apply(entry.getKey());
            if (rate.isPresent()) {
                BigDecimal amount = amount(entry.getValue(), pricesPath + "." + entry.getKey());
                return new Price(amount.multiply(rate.get()), amount, entry.getKey());
            }
        }
        String currency = prices.keySet().iterator().next();
        throw new RowRejected(pricesPath + "." + currency, "the price is given only in "
                + String.join(", ", prices.keySet()) + ", and there is no USD rate for "
                + (prices.size() == 1 ? "it" : "any of them"));
    }

    private static BigDecimal amount(String text, String path) {
        try {
            BigDecimal amount = SourceNumbers.parse(text.strip());
            if (amount.signum() < 0) {
                throw new RowRejected(path, "a negative price: '" + text + "'");
            }
            return amount;
        } catch (NumberFormatException e) {
            throw new RowRejected(path, "not a decimal price: '" + text + "'");
        }
    }

    static boolean isUpfrontFee(Dimension dimension) {
        return QUANTITY_UNIT.equals(dimension.unit()) && dimension.description() != null
                && dimension.description().toLowerCase(Locale.ROOT).contains("upfront fee");
    }

    static boolean tiered(Dimension dimension) {
        return (dimension.beginRange() != null && !isZero(dimension.beginRange()))
                || (dimension.endRange() != null && !"Inf".equals(dimension.endRange().strip()));
    }

    static String tieredReason(Dimension dimension) {
        return "a tiered price (range " + dimension.beginRange() + " to " + dimension.endRange()
                + "): only a single price from 0 to Inf is supported";
    }

    static String dimensionPath(String termPath, Dimension dimension) {
        return termPath + ".priceDimensions." + dimension.rateCode();
    }

    /** A range bound: "0", "0.0" and the like are zero; anything unreadable is not. */
    private static boolean isZero(String bound) {
        try {
            return new BigDecimal(bound.strip()).signum() == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
