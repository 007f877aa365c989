package dev.inferplan.pricing.imports.suite;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;
import dev.inferplan.contracts.money.Money;
import dev.inferplan.contracts.pricing.PaymentOption;
import dev.inferplan.contracts.pricing.PriceUnit;
import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.pricing.pricelists.CsvSource;
import dev.inferplan.pricing.pricelists.ImportContext;
import dev.inferplan.pricing.pricelists.ImportFormatException;
import dev.inferplan.pricing.pricelists.OfferKind;
import dev.inferplan.pricing.pricelists.OfferRow;
import dev.inferplan.pricing.pricelists.OfferSink;
import dev.inferplan.pricing.pricelists.PriceListReader;
import dev.inferplan.pricing.pricelists.RejectedRow;
import dev.inferplan.pricing.pricelists.RowRejected;
import dev.inferplan.pricing.pricelists.SourceNumbers;
import dev.inferplan.pricing.pricelists.SourceText;

/**
 * The suite's own price list, for on-prem pools and negotiated prices (documented in the
 * module README). Columns by header name:
 * <pre>
 * region, zone, instance_type, accelerator, accelerator_count, accelerator_memory_gib, vcpus,
 * memory_gib, cpu_architecture, purchase_option, price, currency, unit, upfront, term_months,
 * served_model, payment_option, effective_from, effective_to
 * </pre>
 * A {@code unit} of work ({@link PriceUnit}: REQUEST, 1K_INPUT_TOKENS, …) makes the row a per-unit offer
 * ({@link OfferKind#PER_UNIT}): {@code price} is the price of one unit, {@code served_model} is required,
 * {@code instance_type} defaults to the served model, and it has no accelerator, node or upfront fee.
 * Required: region, instance_type, purchase_option, price, currency, unit. {@code unit} is
 * {@code hour} or {@code month} (a month is 730 hours, as in the cost model). An {@code upfront}
 * fee is amortized evenly over {@code term_months} (default: the purchase option's term) at 730
 * hours a month and added to the hourly price. Prices in other currencies are converted with the
 * FX table; a currency without a rate rejects the row.
 */
public final class SuiteCsvReader implements PriceListReader {

    static final BigDecimal HOURS_PER_MONTH = BigDecimal.valueOf(730);
    static final List<String> REQUIRED = List.of("region", "instance_type", "purchase_option", "price", "currency", "unit");

    @Override
    public String format() {
        return "suite-csv";
    }

    @Override
    public void read(InputStream source, ImportContext context, OfferSink sink) throws IOException {
        try (CsvSource csv = new CsvSource(source)) {
            csv.require(REQUIRED);
            for (Optional<CsvSource.Record> record = csv.next(); record.isPresent(); record = csv.next()) {
                CsvSource.Record current = record.get();
                if (!current.complete()) {
                    if (!current.terminated()) {
                        throw new ImportFormatException(current.line(), null, "truncated file: the last line "
                                + current.line() + " has " + current.size() + " of " + csv.header().size() + " fields");
                    }
                    sink.rejected(new RejectedRow(current.line(), null, "expected " + csv.header().size()
                            + " fields, found " + current.size()));
                    continue;
                }
                try {
                    sink.offer(offer(current, context, sink));
                } catch (RowRejected e) {
                    sink.rejected(e.at(current.line()));
                }
            }
        }
    }

    private static OfferRow offer(CsvSource.Record r, ImportContext context, OfferSink sink) {
        OfferRow row = priced(r, context, sink);
        PaymentOption payment = null;
        if (!r.get("payment_option").isEmpty()) {
            payment = PaymentOption.parse(r.get("payment_option")).orElseThrow(() -> new RowRejected("payment_option",
                    "payment_option must be NO_UPFRONT, PARTIAL_UPFRONT or ALL_UPFRONT, not "
                            + SourceText.quote(r.get("payment_option"))));
            if (row.purchaseOption().termMonths() == 0) {
                throw new RowRejected("payment_option", "a payment option needs a purchase option with a term, not "
                        + row.purchaseOption());
            }
        }
        java.time.Instant from = instant(r, "effective_from");
        java.time.Instant to = instant(r, "effective_to");
        if (from != null && to != null && !to.isAfter(from)) {
            throw new RowRejected("effective_to", "effective_to must be after effective_from");
        }
        return payment == null && from == null && to == null ? row : row.withTerms(payment, from, to);
    }

    private static OfferRow priced(CsvSource.Record r, ImportContext context, OfferSink sink) {
        String region = required(r, "region");
        PurchaseOption option = PurchaseOption.parse(r.get("purchase_option")).orElseThrow(() -> new RowRejected(
                "purchase_option", "unknown purchase option '" + r.get("purchase_option") + "'"));
        BigDecimal price = decimal(r, "price", true);
        String currency = required(r, "currency").toUpperCase(Locale.ROOT);
        BigDecimal usdPerUnit = context.usdPerUnit().apply(currency).orElseThrow(() -> new RowRejected("currency",
                "no FX rate for " + SourceText.quote(currency) + ": an admin must set it before this row can be priced"));
        Optional<PriceUnit> workUnit = PriceUnit.parse(r.get("unit"));
        if (workUnit.isPresent()) {
            return perUnit(r, region, option, price, currency, usdPerUnit, workUnit.get());
        }
        BigDecimal hourly = switch (r.get("unit").toLowerCase(Locale.ROOT)) {
            case "hour" -> price;
            case "month" -> price.divide(HOURS_PER_MONTH, Money.MAX_SCALE, java.math.RoundingMode.HALF_EVEN);
            default -> throw new RowRejected("unit", "unit must be 'hour', 'month' or a unit of work ("
                    + PriceUnit.labels() + "), not " + SourceText.quote(r.get("unit")));
        };
        String instanceType = required(r, "instance_type");
        BigDecimal upfront = decimal(r, "upfront", false);
        Money upfrontUsd = null;
        if (upfront != null && upfront.signum() > 0) {
            BigDecimal termMonths = decimal(r, "term_months", false);
            if (termMonths == null) {
                termMonths = BigDecimal.valueOf(option.termMonths());
            }
            if (termMonths.signum() <= 0) {
                throw new RowRejected("term_months", "an upfront fee needs term_months (or a purchase option with a term)");
            }
            hourly = hourly.add(upfront.divide(termMonths.multiply(HOURS_PER_MONTH), Money.MAX_SCALE,
                    java.math.RoundingMode.HALF_EVEN));
            upfrontUsd = new Money(upfront.multiply(usdPerUnit));
        }
        BigDecimal count = Optional.ofNullable(decimal(r, "accelerator_count", false)).orElse(BigDecimal.ZERO);
        BigDecimal memory = decimal(r, "accelerator_memory_gib", false);
        String accelerator = null;
        Double memoryGib = memory == null ? null : memory.doubleValue();
        if (!r.get("accelerator").isEmpty()) {
            String name = r.get("accelerator");
            Optional<AcceleratorVocabulary.Match> resolved = context.accelerators().match(name,
                    memory == null ? OptionalDouble.empty() : OptionalDouble.of(memory.doubleValue()));
            if (resolved.isPresent()) {
                accelerator = resolved.get().accelerator().id().id();
                if (resolved.get().memoryDisagrees()) {
                    sink.warning(new RejectedRow(r.line(), "accelerator_memory_gib", ImportContext.memoryWarning(name,
                            memory.doubleValue(), resolved.get().accelerator())));
                    memoryGib = resolved.get().accelerator().memoryGibPerDevice();
                }
            } else if (context.unmappedAllowed()) {
                sink.warning(new RejectedRow(r.line(), "accelerator", ImportContext.unmappedWarning(name)));
                accelerator = ImportContext.unmapped(name);
            } else {
                throw new RowRejected("accelerator", "unknown accelerator '" + name + "'");
            }
            if (count.signum() <= 0) {
                throw new RowRejected("accelerator_count", "an accelerator needs a positive accelerator_count");
            }
        }
        return new OfferRow(r.line(), region, r.get("zone"), instanceType, OfferKind.INSTANCE, accelerator, count,
                memoryGib, decimal(r, "vcpus", false), decimal(r, "memory_gib", false),
                r.get("cpu_architecture").isEmpty() ? null : r.get("cpu_architecture"), option,
                new Money(hourly.multiply(usdPerUnit)), upfrontUsd, price, currency, r.get("unit"));
    }

    /** A price per unit of work: the served model is what a plan matches it by, so a row without one is refused. */
    private static OfferRow perUnit(CsvSource.Record r, String region, PurchaseOption option, BigDecimal price,
                                    String currency, BigDecimal usdPerUnit, PriceUnit unit) {
        String servedModel = r.get("served_model");
        if (servedModel.isEmpty()) {
            throw new RowRejected("served_model", "a per-unit offer (unit " + unit.label()
                    + ") needs served_model: the model it serves");
        }
        for (String node : List.of("accelerator", "accelerator_count", "vcpus", "memory_gib", "upfront")) {
            if (!r.get(node).isEmpty()) {
                throw new RowRejected(node, "a per-unit offer (unit " + unit.label() + ") prices work, not a node: "
                        + node + " must be empty");
            }
        }
        String instanceType = r.get("instance_type").isEmpty() ? servedModel : r.get("instance_type");
        return OfferRow.perUnit(r.line(), region, r.get("zone"), instanceType, option,
                new OfferRow.PerUnit(unit, servedModel, new Money(price.multiply(usdPerUnit))), price, currency,
                unit.label());
    }

    private static java.time.Instant instant(CsvSource.Record r, String column) {
        String value = r.get(column);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return value.length() == 10 ? java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                    : java.time.OffsetDateTime.parse(value).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new RowRejected(column, column + " must be a date (2026-01-31) or an ISO 8601 instant with an offset,"
                    + " not " + SourceText.quote(value));
        }
    }

    private static String required(CsvSource.Record r, String column) {
        String value = r.get(column);
        if (value.isEmpty()) {
            throw new RowRejected(column, column + " is required");
        }
        return value;
    }

    private static BigDecimal decimal(CsvSource.Record r, String column, boolean required) {
        String value = r.get(column);
        if (value.isEmpty()) {
            if (required) {
                throw new RowRejected(column, column + " is required");
            }
            return null;
        }
        try {
            BigDecimal number = SourceNumbers.parse(value);
            if (number.signum() < 0) {
                throw new RowRejected(column, column + " must not be negative: " + SourceText.quote(value));
            }
            return number;
        } catch (SourceNumbers.OutOfRange e) {
            throw new RowRejected(column, column + " is " + e.getMessage());
        } catch (NumberFormatException e) {
            throw new RowRejected(column, column + " is not a number: '" + value + "'");
        }
    }
}
