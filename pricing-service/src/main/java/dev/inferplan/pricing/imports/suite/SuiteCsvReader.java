package dev.inferplan.pricing.imports.suite;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.inferplan.contracts.accelerators.Accelerator;
import dev.inferplan.contracts.money.Money;
import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.pricing.imports.CsvSource;
import dev.inferplan.pricing.imports.ImportContext;
import dev.inferplan.pricing.imports.ImportFormatException;
import dev.inferplan.pricing.imports.OfferKind;
import dev.inferplan.pricing.imports.OfferRow;
import dev.inferplan.pricing.imports.OfferSink;
import dev.inferplan.pricing.imports.PriceListReader;
import dev.inferplan.pricing.imports.RejectedRow;

/**
 * The suite's own price list, for on-prem pools and negotiated prices (documented in the
 * module README). Columns by header name:
 * <pre>
 * region, zone, instance_type, accelerator, accelerator_count, accelerator_memory_gib, vcpus,
 * memory_gib, cpu_architecture, purchase_option, price, currency, unit, upfront, term_months
 * </pre>
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
                    sink.offer(offer(current, context));
                } catch (RowException e) {
                    sink.rejected(new RejectedRow(current.line(), e.column, e.getMessage()));
                }
            }
        }
    }

    private static OfferRow offer(CsvSource.Record r, ImportContext context) {
        String region = required(r, "region");
        String instanceType = required(r, "instance_type");
        PurchaseOption option = PurchaseOption.parse(r.get("purchase_option")).orElseThrow(() -> new RowException(
                "purchase_option", "unknown purchase option '" + r.get("purchase_option") + "'"));
        BigDecimal price = decimal(r, "price", true);
        String currency = required(r, "currency").toUpperCase(Locale.ROOT);
        BigDecimal usdPerUnit = context.usdPerUnit().apply(currency).orElseThrow(() -> new RowException("currency",
                "no FX rate for " + currency + ": an admin must set it before this row can be priced"));
        BigDecimal hourly = switch (r.get("unit").toLowerCase(Locale.ROOT)) {
            case "hour" -> price;
            case "month" -> price.divide(HOURS_PER_MONTH, Money.MAX_SCALE, java.math.RoundingMode.HALF_EVEN);
            default -> throw new RowException("unit", "unit must be 'hour' or 'month', not '" + r.get("unit") + "'");
        };
        BigDecimal upfront = decimal(r, "upfront", false);
        Money upfrontUsd = null;
        if (upfront != null && upfront.signum() > 0) {
            BigDecimal termMonths = decimal(r, "term_months", false);
            if (termMonths == null) {
                termMonths = BigDecimal.valueOf(option.termMonths());
            }
            if (termMonths.signum() <= 0) {
                throw new RowException("term_months", "an upfront fee needs term_months (or a purchase option with a term)");
            }
            hourly = hourly.add(upfront.divide(termMonths.multiply(HOURS_PER_MONTH), Money.MAX_SCALE,
                    java.math.RoundingMode.HALF_EVEN));
            upfrontUsd = new Money(upfront.multiply(usdPerUnit));
        }
        BigDecimal count = Optional.ofNullable(decimal(r, "accelerator_count", false)).orElse(BigDecimal.ZERO);
        BigDecimal memory = decimal(r, "accelerator_memory_gib", false);
        String accelerator = null;
        if (!r.get("accelerator").isEmpty()) {
            String name = r.get("accelerator");
            Optional<Accelerator> resolved = memory == null ? context.accelerators().resolve(name)
                    : context.accelerators().resolve(name, memory.doubleValue());
            accelerator = resolved.orElseThrow(() -> new RowException("accelerator", "unknown accelerator '" + name + "'"))
                    .id().id();
            if (count.signum() <= 0) {
                throw new RowException("accelerator_count", "an accelerator needs a positive accelerator_count");
            }
        }
        return new OfferRow(r.line(), region, r.get("zone"), instanceType, OfferKind.INSTANCE, accelerator, count,
                memory == null ? null : memory.doubleValue(), decimal(r, "vcpus", false), decimal(r, "memory_gib", false),
                r.get("cpu_architecture").isEmpty() ? null : r.get("cpu_architecture"), option,
                new Money(hourly.multiply(usdPerUnit)), upfrontUsd, price, currency, r.get("unit"));
    }

    private static String required(CsvSource.Record r, String column) {
        String value = r.get(column);
        if (value.isEmpty()) {
            throw new RowException(column, column + " is required");
        }
        return value;
    }

    private static BigDecimal decimal(CsvSource.Record r, String column, boolean required) {
        String value = r.get(column);
        if (value.isEmpty()) {
            if (required) {
                throw new RowException(column, column + " is required");
            }
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(value);
            if (number.signum() < 0) {
                throw new RowException(column, column + " must not be negative: " + value);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new RowException(column, column + " is not a number: '" + value + "'");
        }
    }

    private static final class RowException extends RuntimeException {
        private final String column;

        RowException(String column, String message) {
            super(message);
            this.column = column;
        }
    }
}
