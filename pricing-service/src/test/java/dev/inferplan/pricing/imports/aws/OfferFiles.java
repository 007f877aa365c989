package dev.inferplan.pricing.imports.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;
import dev.inferplan.pricing.imports.RecordingSink;
import dev.inferplan.pricing.pricelists.ImportContext;
import dev.inferplan.pricing.pricelists.OfferRow;
import dev.inferplan.pricing.pricelists.OfferSink;
import dev.inferplan.pricing.pricelists.RejectedRow;

/** Helpers for the AWS offer file tests: a collecting sink, contexts, and small offer files built as text. */
final class OfferFiles {

    private OfferFiles() {
    }

    /** Only USD is known: any other currency has no rate. */
    static ImportContext usdOnly() {
        return context(Map.of());
    }

    static ImportContext context(Map<String, BigDecimal> usdPerUnit) {
        return new ImportContext("aws", currency -> Optional.ofNullable(usdPerUnit.get(currency)),
                AcceleratorVocabulary.standard());
    }

    static RecordingSink read(String json) throws IOException {
        return read(json.getBytes(StandardCharsets.UTF_8), usdOnly());
    }

    static RecordingSink read(String json, ImportContext context) throws IOException {
        return read(json.getBytes(StandardCharsets.UTF_8), context);
    }

    static RecordingSink read(byte[] bytes, ImportContext context) throws IOException {
        RecordingSink sink = new RecordingSink();
        new AwsOfferFileReader().read(new ByteArrayInputStream(bytes), context, sink);
        return sink;
    }

    static byte[] resource(String name) {
        try (InputStream in = OfferFiles.class.getResourceAsStream("/provider-formats/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource missing: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A whole offer file from product and term fragments (each a "key" : {...} member). */
    static String file(List<String> products, List<String> onDemand, List<String> reserved) {
        return "{\n  \"formatVersion\" : \"v1.0\",\n  \"offerCode\" : \"AmazonEC2\",\n  \"version\" : \"20250601000000\",\n"
                + "  \"products\" : {\n" + String.join(",\n", products) + "\n  },\n"
                + "  \"terms\" : {\n    \"OnDemand\" : {\n" + String.join(",\n", onDemand) + "\n    },\n"
                + "    \"Reserved\" : {\n" + String.join(",\n", reserved) + "\n    },\n"
                + "    \"attributesList\" : { }\n  }\n}\n";
    }

    /** A Linux, Shared, Used product in us-east-1; {@code extra} is inserted into its attributes verbatim. */
    static String product(String sku, String instanceType, String extra) {
        return """
                    "%1$s" : {
                      "sku" : "%1$s",
                      "productFamily" : "Compute Instance",
                      "attributes" : {
                        "servicecode" : "AmazonEC2",
                        "location" : "US East (N. Virginia)",
                        "locationType" : "AWS Region",
                        "instanceType" : "%2$s",
                        "vcpu" : "4",
                        "memory" : "16 GiB",
                        "physicalProcessor" : "Intel Xeon Platinum 8259CL",
                        "tenancy" : "Shared",
                        "operatingSystem" : "Linux",
                        "licenseModel" : "No License required",
                        "capacitystatus" : "Used",
                        "preInstalledSw" : "NA",
                        %3$s
                        "regionCode" : "us-east-1"
                      }
                    }""".formatted(sku, instanceType, extra.isEmpty() ? "" : extra + ",");
    }

    /** The terms of one SKU: {@code "sku" : { term, term }}. */
    static String sku(String sku, String... terms) {
        return "      \"" + sku + "\" : {\n" + String.join(",\n", terms) + "\n      }";
    }

    /** One term; {@code dimensions} are {@link #dimension} fragments, {@code attributes} the termAttributes body. */
    static String term(String sku, String code, String attributes, String... dimensions) {
        return """
                        "%1$s.%2$s" : {
                          "offerTermCode" : "%2$s",
                          "sku" : "%1$s",
                          "effectiveDate" : "2025-06-01T00:00:00Z",
                          "priceDimensions" : {
                %3$s
                          },
                          "termAttributes" : { %4$s }
                        }""".formatted(sku, code, String.join(",\n", dimensions), attributes);
    }

    static String dimension(String sku, String code, String rate, String description, String unit, String prices) {
        return """
                            "%1$s.%2$s.%3$s" : {
                              "rateCode" : "%1$s.%2$s.%3$s",
                              "description" : "%4$s",
                              "beginRange" : "0",
                              "endRange" : "Inf",
                              "unit" : "%5$s",
                              "pricePerUnit" : { %6$s },
                              "appliesTo" : [ ]
                            }""".formatted(sku, code, rate, description, unit, prices);
    }

    static String hourly(String sku, String code, String usd) {
        return dimension(sku, code, "6YS6EN2CT7", "$" + usd + " per On Demand Linux Instance Hour", "Hrs",
                "\"USD\" : \"" + usd + "\"");
    }

    static String upfront(String sku, String code, String usd) {
        return dimension(sku, code, "2TG2D8R56U", "Upfront Fee", "Quantity", "\"USD\" : \"" + usd + "\"");
    }

    static String reservation(String lease, String offeringClass, String purchaseOption) {
        return "\"LeaseContractLength\" : \"" + lease + "\", \"OfferingClass\" : \"" + offeringClass
                + "\", \"PurchaseOption\" : \"" + purchaseOption + "\"";
    }
}
