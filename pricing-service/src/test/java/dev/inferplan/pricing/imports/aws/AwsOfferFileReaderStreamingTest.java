package dev.inferplan.pricing.imports.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.contracts.pricing.PurchaseOption;
import dev.inferplan.pricing.pricelists.OfferRow;
import dev.inferplan.pricing.pricelists.OfferSink;
import dev.inferplan.pricing.pricelists.RejectedRow;

/**
 * A large offer file that never exists whole: the stream writes each product and term when the
 * reader asks for the next bytes, and the sink only counts. (No timing or heap assertions; the
 * point is that the reader works through the file as a stream.)
 */
class AwsOfferFileReaderStreamingTest {

    /** Products in the file: half Linux (priced), half Windows (read and skipped). */
    private static final int SKUS = 50_000;
    private static final int LINUX = SKUS / 2;

    @Test
    void fiftyThousandSkusStreamThrough() throws IOException {
        GeneratedOfferFile file = new GeneratedOfferFile(LINUX);
        CountingSink sink = new CountingSink();

        new AwsOfferFileReader().read(file, OfferFiles.usdOnly(), sink);

        assertEquals(0, sink.rejected, () -> "first rejected: " + sink.firstRejected);
        // on demand, 1yr No Upfront, 1yr Partial Upfront (a distinct offer), 3yr All Upfront
        assertEquals(4L * LINUX, sink.offers);
        assertEquals(Map.of(PurchaseOption.ON_DEMAND, (long) LINUX, PurchaseOption.RESERVED_1Y, 2L * LINUX,
                PurchaseOption.RESERVED_3Y, (long) LINUX), sink.byOption);
        // every other SKU is Windows: read and skipped, still counted in the term numbers
        assertEquals(Money.of("0.1000"), sink.firstOnDemand.hourlyUsd());
        assertEquals(1, sink.firstOnDemand.line());
        // about 200 MB of JSON went through; no more than a chunk of it existed at any time
        assertTrue(file.bytesServed() > 100_000_000L, () -> "only " + file.bytesServed() + " bytes");
        assertTrue(file.finished());
    }

    private static final class CountingSink implements OfferSink {
        long offers;
        long rejected;
        RejectedRow firstRejected;
        OfferRow firstOnDemand;
        final Map<PurchaseOption, Long> byOption = new EnumMap<>(PurchaseOption.class);

        @Override
        public void offer(OfferRow row) {
            offers++;
            byOption.merge(row.purchaseOption(), 1L, Long::sum);
            if (firstOnDemand == null && row.purchaseOption() == PurchaseOption.ON_DEMAND) {
                firstOnDemand = row;
            }
        }

        @Override
        public void rejected(RejectedRow row) {
            if (rejected++ == 0) {
                firstRejected = row;
            }
        }
    }

    /**
     * An offer file of {@code 2 × linuxSkus} products (a Linux and a Windows SKU per instance
     * type) with one on-demand and three reserved terms each, produced chunk by chunk.
     */
    static final class GeneratedOfferFile extends InputStream {
        private final int linuxSkus;
        private int phase;
        private int index;
        private byte[] chunk = new byte[0];
        private int position;
        private long served;

        GeneratedOfferFile(int linuxSkus) {
            this.linuxSkus = linuxSkus;
        }

        long bytesServed() {
            return served;
        }

        boolean finished() {
            return phase > 4;
        }

        @Override
        public int read() {
            if (!fill()) {
                return -1;
            }
            served++;
            return chunk[position++] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, chunk.length - position);
            System.arraycopy(chunk, position, buffer, offset, n);
            position += n;
            served += n;
            return n;
        }

        private boolean fill() {
            while (position == chunk.length) {
                String next = nextChunk();
                if (next == null) {
                    return false;
                }
                chunk = next.getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            return true;
        }

        /** Header, products, on-demand terms, reserved terms, trailer; null at the end. */
        private String nextChunk() {
            switch (phase) {
                case 0 -> {
                    phase++;
                    return "{\n  \"formatVersion\" : \"v1.0\",\n  \"offerCode\" : \"AmazonEC2\",\n"
                            + "  \"version\" : \"20250601000000\",\n  \"products\" : {\n";
                }
                case 1 -> {
                    if (index == 2 * linuxSkus) {
                        phase++;
                        index = 0;
                        return "\n  },\n  \"terms\" : {\n    \"OnDemand\" : {\n";
                    }
                    return (index == 0 ? "" : ",\n") + product(index++);
                }
                case 2 -> {
                    if (index == 2 * linuxSkus) {
                        phase++;
                        index = 0;
                        return "\n    },\n    \"Reserved\" : {\n";
                    }
                    return (index == 0 ? "" : ",\n") + onDemand(index++);
                }
                case 3 -> {
                    if (index == 2 * linuxSkus) {
                        phase++;
                        return "\n    },\n    \"attributesList\" : { }\n  }\n}\n";
                    }
                    return (index == 0 ? "" : ",\n") + reserved(index++);
                }
                default -> {
                    phase = 5;
                    return null;
                }
            }
        }

        private static String sku(int i) {
            return "GEN%012dX".formatted(i);
        }

        private static String product(int i) {
            boolean linux = i % 2 == 0;
            String type = "m9.s" + (i / 2) + "xlarge";
            return """
                        "%1$s" : {
                          "sku" : "%1$s",
                          "productFamily" : "Compute Instance",
                          "attributes" : {
                            "servicecode" : "AmazonEC2",
                            "location" : "US East (N. Virginia)",
                            "locationType" : "AWS Region",
                            "instanceType" : "%2$s",
                            "currentGeneration" : "Yes",
                            "instanceFamily" : "General purpose",
                            "vcpu" : "8",
                            "physicalProcessor" : "Intel Xeon Platinum 8175",
                            "clockSpeed" : "3.1 GHz",
                            "memory" : "32 GiB",
                            "storage" : "EBS only",
                            "networkPerformance" : "Up to 10 Gigabit",
                            "processorArchitecture" : "64-bit",
                            "tenancy" : "Shared",
                            "operatingSystem" : "%3$s",
                            "licenseModel" : "No License required",
                            "usagetype" : "BoxUsage:%2$s",
                            "operation" : "%4$s",
                            "capacitystatus" : "Used",
                            "gpuMemory" : "NA",
                            "marketoption" : "OnDemand",
                            "preInstalledSw" : "NA",
                            "regionCode" : "us-east-1",
                            "servicename" : "Amazon Elastic Compute Cloud"
                          }
                        }""".formatted(sku(i), type, linux ? "Linux" : "Windows",
                    linux ? "RunInstances" : "RunInstances:0002");
        }

        private static String dimension(String termCode, String rate, String description, String unit, String usd) {
            return """
                                "%1$s.%2$s" : {
                                  "rateCode" : "%1$s.%2$s",
                                  "description" : "%3$s",
                                  "beginRange" : "0",
                                  "endRange" : "Inf",
                                  "unit" : "%4$s",
                                  "pricePerUnit" : { "USD" : "%5$s" },
                                  "appliesTo" : [ ]
                                }""".formatted(termCode, rate, description, unit, usd);
        }

        private static String term(String sku, String code, String attributes, String dimensions) {
            return """
                            "%1$s.%2$s" : {
                              "offerTermCode" : "%2$s",
                              "sku" : "%1$s",
                              "effectiveDate" : "2025-06-01T00:00:00Z",
                              "priceDimensions" : {
                    %3$s
                              },
                              "termAttributes" : { %4$s }
                            }""".formatted(sku, code, dimensions, attributes);
        }

        private static String onDemand(int i) {
            String sku = sku(i);
            String code = sku + ".JRTCKXETXF";
            return "      \"" + sku + "\" : {\n" + term(sku, "JRTCKXETXF", "",
                    dimension(code, "6YS6EN2CT7", "$0.10 per On Demand Instance Hour", "Hrs", "0.1000000000"))
                    + "\n      }";
        }

        private static String reserved(int i) {
            String sku = sku(i);
            String noUpfront = sku + ".4NA7Y494T4";
            String partial = sku + ".HU7G6KETJZ";
            String allUpfront = sku + ".NQ3QZPMQV9";
            return "      \"" + sku + "\" : {\n"
                    + term(sku, "4NA7Y494T4",
                            "\"LeaseContractLength\" : \"1yr\", \"OfferingClass\" : \"standard\", "
                                    + "\"PurchaseOption\" : \"No Upfront\"",
                            dimension(noUpfront, "6YS6EN2CT7", "reserved instance applied", "Hrs", "0.0630000000"))
                    + ",\n"
                    + term(sku, "HU7G6KETJZ",
                            "\"LeaseContractLength\" : \"1yr\", \"OfferingClass\" : \"standard\", "
                                    + "\"PurchaseOption\" : \"Partial Upfront\"",
                            dimension(partial, "2TG2D8R56U", "Upfront Fee", "Quantity", "263") + ",\n"
                                    + dimension(partial, "6YS6EN2CT7", "reserved instance applied", "Hrs",
                                    "0.0300000000"))
                    + ",\n"
                    + term(sku, "NQ3QZPMQV9",
                            "\"LeaseContractLength\" : \"3yr\", \"OfferingClass\" : \"standard\", "
                                    + "\"PurchaseOption\" : \"All Upfront\"",
                            dimension(allUpfront, "2TG2D8R56U", "Upfront Fee", "Quantity", "1100") + ",\n"
                                    + dimension(allUpfront, "6YS6EN2CT7", "reserved instance applied", "Hrs",
                                    "0.0000000000"))
                    + "\n      }";
        }
    }
}
