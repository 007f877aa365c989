package dev.inferplan.pricing.imports.azure;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.inferplan.contracts.accelerators.Accelerator;
import dev.inferplan.contracts.money.Money;
import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.pricing.pricelists.ImportContext;
import dev.inferplan.pricing.pricelists.OfferKind;
import dev.inferplan.pricing.pricelists.OfferRow;
import dev.inferplan.pricing.pricelists.RowRejected;
import dev.inferplan.pricing.pricelists.SourceNumbers;
import dev.inferplan.pricing.pricelists.SourceText;

/**
 * Prices one item of an Azure Retail Prices page as {@link AzureRetailPricesReader}'s class comment
 * says: whether the book holds it ({@link #skipReason}) and, if so, its offer ({@link #offer}).
 * Pure: an item is its fields as read (strings, numbers as {@link BigDecimal}, booleans,
 * {@link #JSON_NULL}, {@link #NESTED}); a field that cannot be priced is a {@link RowRejected}
 * naming it, relative to the item.
 */
final class AzureItemPrices {

    private static final String USD = "USD";
    private static final String VIRTUAL_MACHINES = "Virtual Machines";

    private static final Pattern HOURS = Pattern.compile("(\\d{1,9}) Hours?");
    private static final Pattern SPOT = word("spot");
    private static final Pattern LOW_PRIORITY = word("low priority");
    private static final Pattern WINDOWS = word("windows");
    private static final Pattern DEDICATED_HOST = word("dedicated host");
    private static final Pattern EXPIRED = word("expired");

    /** A JSON null, and a nested object or array (e.g. savingsPlan), as item values. */
    static final Object JSON_NULL = new Object();
    static final Object NESTED = new Object();

    private final ImportContext context;

    AzureItemPrices(ImportContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    private static Pattern word(String words) {
        return Pattern.compile("\\b" + words.replace(" ", "\\s+") + "\\b", Pattern.CASE_INSENSITIVE);
    }

    /** Why the price book does not hold this item (not a rejection), or null when it is to be priced. */
    static AzureSkipReason skipReason(Map<String, Object> item) {
        String service = text(item, "serviceName");
        String type = text(item, "type");
        String product = text(item, "productName");
        String sku = text(item, "skuName");
        String meter = text(item, "meterName");
        AzureSkipReason skip = null;
        if (!VIRTUAL_MACHINES.equals(service)) {
            skip = AzureSkipReason.OTHER_SERVICE;
        } else if ("DevTestConsumption".equals(type)) {
            skip = AzureSkipReason.DEV_TEST;
        } else if (Boolean.FALSE.equals(item.get("isPrimaryMeterRegion"))) {
            skip = AzureSkipReason.NON_PRIMARY_METER;
        } else if (says(WINDOWS, product, sku)) {
            skip = AzureSkipReason.WINDOWS;
        } else if (says(LOW_PRIORITY, meter, sku)) {
            skip = AzureSkipReason.LOW_PRIORITY;
        } else if (says(DEDICATED_HOST, product)) {
            skip = AzureSkipReason.DEDICATED_HOST;
        } else if (says(EXPIRED, meter, sku)) {
            skip = AzureSkipReason.EXPIRED;
        }
        return skip;
    }

    /** The offer of an item {@link #skipReason} keeps, on import line {@code line}. */
    OfferRow offer(Map<String, Object> item, long line) {
        String type = text(item, "type");
        String sku = text(item, "skuName");
        String meter = text(item, "meterName");
        boolean spot = says(SPOT, meter, sku);
        PurchaseOption option;
        if ("Consumption".equals(type)) {
            option = spot ? PurchaseOption.SPOT : PurchaseOption.ON_DEMAND;
        } else if ("Reservation".equals(type)) {
            if (spot) {
                throw new RowRejected("type", "a Reservation of a Spot meter ('" + meter + "'): Spot cannot be reserved");
            }
            String term = text(item, "reservationTerm");
            if ("1 Year".equals(term)) {
                option = PurchaseOption.RESERVED_1Y;
            } else if ("3 Years".equals(term)) {
                option = PurchaseOption.RESERVED_3Y;
            } else {
                throw new RowRejected("reservationTerm", term == null
                        ? "a Reservation without reservationTerm"
                        : "reservationTerm '" + term + "' is neither '1 Year' nor '3 Years'");
            }
        } else {
            throw new RowRejected("type", type == null
                    ? "type is missing"
                    : "type '" + type + "' is not Consumption, DevTestConsumption or Reservation");
        }

        String region = required(item, "armRegionName");
        String instanceType = required(item, "armSkuName");

        Object retailPrice = item.get("retailPrice");
        if (!(retailPrice instanceof BigDecimal price)) {
            throw new RowRejected("retailPrice", retailPrice == null
                    ? "retailPrice is missing"
                    : "retailPrice is not a number: " + describe(retailPrice));
        }
        if (!SourceNumbers.inRange(price)) {
            throw new RowRejected("retailPrice", "retailPrice is out of range: " + SourceText.quote(price));
        }
        if (price.signum() < 0) {
            throw new RowRejected("retailPrice", "retailPrice is negative: " + price.toPlainString());
        }
        if (price.signum() == 0) {
            throw new RowRejected("retailPrice", "retailPrice is 0: no VM meter is free, so this is not a price");
        }
        if (item.get("tierMinimumUnits") instanceof BigDecimal tier && tier.signum() != 0) {
            throw new RowRejected("tierMinimumUnits", "a tiered price (from " + SourceText.quote(tier)
                    + " units on), not a price per hour");
        }

        String unit = text(item, "unitOfMeasure");
        BigDecimal hoursPerUnit;
        if (option.termMonths() > 0) {
            if (!"1 Hour".equals(unit)) {
                throw new RowRejected("unitOfMeasure", "unitOfMeasure " + quoted(unit)
                        + " on a Reservation: the API prices reservations as '1 Hour' (for the whole term)");
            }
            hoursPerUnit = BigDecimal.ONE;
        } else {
            Matcher hours = HOURS.matcher(unit == null ? "" : unit);
            if (!hours.matches() || Long.parseLong(hours.group(1)) == 0) {
                throw new RowRejected("unitOfMeasure", "unitOfMeasure " + quoted(unit)
                        + " is not a number of hours ('1 Hour', '100 Hours')");
            }
            hoursPerUnit = new BigDecimal(hours.group(1));
        }

        String currency = required(item, "currencyCode");
        BigDecimal usdPerUnit = USD.equals(currency) ? BigDecimal.ONE
                : context.usdPerUnit().apply(currency).orElseThrow(() -> new RowRejected("currencyCode",
                        "no exchange rate for currency '" + currency + "' (USD per " + currency + ")"));
        if (usdPerUnit.signum() <= 0) {
            throw new RowRejected("currencyCode", "the exchange rate for '" + currency + "' is not positive: "
                    + usdPerUnit.toPlainString());
        }

        String accelerator = null;
        BigDecimal acceleratorCount = BigDecimal.ZERO;
        Double acceleratorMemoryGib = null;
        Optional<AzureGpuSkus.Gpu> gpu = AzureGpuSkus.lookup(instanceType);
        if (gpu.isPresent()) {
            String name = gpu.get().acceleratorName();
            Accelerator known = context.accelerators().resolve(name).orElseThrow(() -> new RowRejected("armSkuName",
                    "the accelerator '" + name + "' of " + SourceText.quote(instanceType) + " is not in the accelerator vocabulary"));
            accelerator = known.id().id();
            acceleratorCount = gpu.get().count();
            acceleratorMemoryGib = known.memoryGibPerDevice();
        } else if (AzureGpuSkus.looksAccelerated(instanceType)) {
            throw new RowRejected("armSkuName", "unknown GPU SKU family: " + SourceText.quote(instanceType)
                    + " is an N-series (accelerated) size that the GPU SKU table does not list");
        }

        Money usd = new Money(price.multiply(usdPerUnit));
        Money hourly;
        Money upfront = null;
        if (option.termMonths() > 0) {
            upfront = usd;
            hourly = usd.dividedBy(BigDecimal.valueOf(option.termHours()));
        } else {
            hourly = hoursPerUnit.compareTo(BigDecimal.ONE) == 0 ? usd : usd.dividedBy(hoursPerUnit);
        }
        return new OfferRow(line, region, "", instanceType, OfferKind.INSTANCE, accelerator, acceleratorCount,
                acceleratorMemoryGib, null, null, null, option, hourly, upfront, price, currency, unit);
    }

    private static boolean says(Pattern pattern, String... texts) {
        for (String text : texts) {
            if (text != null && pattern.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }

    private static String text(Map<String, Object> item, String field) {
        return item.get(field) instanceof String s ? s : null;
    }

    private static String required(Map<String, Object> item, String field) {
        Object value = item.get(field);
        if (value instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new RowRejected(field, value == null ? field + " is missing"
                : value instanceof String ? field + " is empty"
                : field + " is not a string: " + describe(value));
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return "'" + s + "' (a string)";
        }
        if (value == JSON_NULL) {
            return "null";
        }
        if (value == NESTED) {
            return "an object or array";
        }
        return String.valueOf(value);
    }

    private static String quoted(String text) {
        return text == null ? "(missing)" : "'" + text + "'";
    }
}
