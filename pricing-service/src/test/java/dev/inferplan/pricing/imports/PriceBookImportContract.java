package dev.inferplan.pricing.imports;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import dev.inferplan.platform.testing.TestTokens;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Imports through REST into the real database (H2 or MariaDB per subclass) with the suite's own
 * CSV: versions, as-of reads, idempotent re-imports, FX, and bad files that leave the book
 * exactly as it was (offer count and a checksum over every offer, before and after).
 */
abstract class PriceBookImportContract {

    static final String HEADER = "region,zone,instance_type,accelerator,accelerator_count,accelerator_memory_gib,"
            + "vcpus,memory_gib,cpu_architecture,purchase_option,price,currency,unit,upfront,term_months\n";

    @Inject
    WebTarget target;

    @Inject
    @Named("pricing")
    DataSource dataSource;

    abstract String expectedDatabaseProduct();

    @Test
    void strictImportPublishesAVersionWhoseOffersAreQueryable() {
        JsonObject report = importNow("onprem-a", "strict", HEADER
                + "dc-1,,dgx-h100,H100,8,80,224,2048,x86_64,NEGOTIATED,98.50,USD,hour,,\n"
                + "dc-1,,cpu-node,,,,64,512,x86_64,NEGOTIATED,2920,USD,month,,\n");
        assertEquals("SUCCEEDED", report.getString("status"));
        assertEquals(2, report.getInt("offersCreated"));
        assertEquals(0, report.getInt("rejectedCount"));
        JsonArray items = offers("provider=onprem-a").getJsonArray("items");
        assertEquals(2, items.size());
        JsonObject cpu = items.getJsonObject(0);
        assertEquals("cpu-node", cpu.getString("instanceType"));
        assertEquals("4.0000", cpu.getString("hourlyUsd"), "2920 USD a month / 730 h");
        assertEquals("0.0625", cpu.getString("perVcpuHourUsd"));
        JsonObject dgx = items.getJsonObject(1);
        assertEquals("nvidia-h100-80gb", dgx.getString("accelerator"));
        assertEquals("98.5000", dgx.getString("hourlyUsd"));
        assertEquals("12.3125", dgx.getString("perAcceleratorHourUsd"), "98.50 / 8 exactly");
        assertEquals(report.getJsonNumber("priceBookVersion").longValue(), dgx.getJsonNumber("priceBookVersion").longValue());
    }

    @Test
    void identicalReimportChangesNothingAndSaysSo() {
        String file = HEADER + "dc-2,,node-a,,,,16,64,x86_64,NEGOTIATED,1.25,USD,hour,,\n";
        JsonObject first = importNow("onprem-b", "strict", file);
        String before = checksum();
        JsonObject again = importNow("onprem-b", "strict", file);
        assertEquals("UNCHANGED", again.getString("status"));
        assertEquals(first.getJsonNumber("priceBookVersion").longValue(), again.getJsonNumber("priceBookVersion").longValue());
        assertTrue(again.getString("detail").contains("nothing changed"), again::toString);
        assertEquals(before, checksum());
    }

    @Test
    void asOfReadsTheBookAsItWasBetweenVersions() throws InterruptedException {
        JsonObject v1 = importNow("onprem-c", "strict", HEADER + "dc-3,,node-b,nvidia-l4,1,,8,32,,NEGOTIATED,1.00,USD,hour,,\n");
        Thread.sleep(20);
        Instant between = Instant.now();
        Thread.sleep(20);
        JsonObject v2 = importNow("onprem-c", "strict", HEADER + "dc-3,,node-b,nvidia-l4,1,,8,32,,NEGOTIATED,1.10,USD,hour,,\n"
                + "dc-3,,node-c,,,,4,16,,NEGOTIATED,0.60,USD,hour,,\n");
        assertNotEquals(v1.getJsonNumber("priceBookVersion"), v2.getJsonNumber("priceBookVersion"));

        JsonArray now = offers("provider=onprem-c").getJsonArray("items");
        assertEquals(List.of("0.6000", "1.1000"), now.getValuesAs(JsonObject.class).stream().map(o -> o.getString("hourlyUsd")).toList());
        JsonArray then = offers("provider=onprem-c&asOf=" + between).getJsonArray("items");
        assertEquals(1, then.size());
        assertEquals("1.0000", then.getJsonObject(0).getString("hourlyUsd"));
        assertEquals("1.1000", cheapest("provider=onprem-c").getJsonObject(0).getString("perAcceleratorHourUsd"));
        assertEquals("1.0000", cheapest("provider=onprem-c&asOf=" + between).getJsonObject(0)
                .getString("perAcceleratorHourUsd"), "the cheapest L4 as the book was between the versions");

        JsonArray versions = target.path("/api/pricing/versions").queryParam("provider", "onprem-c").request()
                .header("Authorization", TestTokens.bearer("viewer")).get(JsonArray.class);
        assertEquals(2, versions.size());
        assertTrue(absent(versions.getJsonObject(0), "supersededAt"), "the newest is current");
        assertTrue(!absent(versions.getJsonObject(1), "supersededAt"), "the older is superseded");
    }

    @Test
    void strictModeRefusesTheWholeFileAndTheBookIsExactlyAsBefore() {
        importNow("onprem-d", "strict", HEADER + "dc-4,,node-d,,,,8,32,,NEGOTIATED,1.00,USD,hour,,\n");
        String before = checksum();
        JsonObject problem = refused("onprem-d", "strict", HEADER
                + "dc-4,,node-d,,,,8,32,,NEGOTIATED,1.20,USD,hour,,\n"
                + "dc-4,,node-e,,,,8,32,,NEGOTIATED,abc,USD,hour,,\n"
                + "dc-4,,node-f,,,,8,32,,NEGOTIATED,-3,USD,hour,,\n"
                + "dc-4,,node-g,Z9000,1,,8,32,,NEGOTIATED,3,USD,hour,,\n");
        assertEquals(List.of("3:price", "4:price", "5:accelerator"), errors(problem));
        assertTrue(problem.getJsonArray("errors").getJsonObject(2).getString("reason").contains("Z9000"));
        assertEquals(before, checksum(), "nothing half-written");
    }

    @Test
    void lenientModeKeepsGoodRowsAndReportsEveryRejectedOne() {
        JsonObject report = importNow("onprem-e", "lenient", HEADER
                + "dc-5,,node-h,,,,8,32,,NEGOTIATED,1.00,USD,hour,,\n"
                + "dc-5,,node-i,,,,8,32,,NEGOTIATED,,USD,hour,,\n"
                + "dc-5,,node-j,,,,8,32,,NEGOTIATED,2.00,USD,fortnight,,\n");
        assertEquals("SUCCEEDED", report.getString("status"));
        assertEquals(1, report.getInt("offersCreated"));
        assertEquals(2, report.getInt("rejectedCount"));
        assertEquals(List.of("3:price", "4:unit"), report.getJsonArray("rejected").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getJsonNumber("line").longValue() + ":" + e.getString("column")).toList());
    }

    @Test
    void duplicateOffersInOneFileAreRefusedNamingBothLines() {
        String before = checksum();
        JsonObject problem = refused("onprem-f", "strict", HEADER
                + "dc-6,,node-k,,,,8,32,,NEGOTIATED,1.00,USD,hour,,\n"
                + "dc-6,,node-k,,,,8,32,,NEGOTIATED,1.50,USD,hour,,\n");
        JsonObject error = problem.getJsonArray("errors").getJsonObject(0);
        assertEquals(3, error.getJsonNumber("line").longValue());
        assertTrue(error.getString("reason").contains("first at line 2"), error::toString);
        assertEquals(before, checksum());
    }

    @Test
    void manyDuplicatesAreFoundByTheWholeVersionPassTheSameWay() {
        // More repeated keys than the import lists as suspects (10,000): the duplicate check reads the
        // whole version instead of looking the suspects up, and must answer alike.
        StringBuilder file = new StringBuilder(HEADER);
        int nodes = 10_050;
        for (int copy = 0; copy < 2; copy++) {
            for (int i = 0; i < nodes; i++) {
                file.append("dc-7,,node-").append(i).append(",,,,8,32,,NEGOTIATED,1.").append(copy).append("0,USD,hour,,\n");
            }
        }
        JsonObject report = importNow("onprem-dups", "lenient", file.toString());
        assertEquals(nodes, report.getInt("offersCreated"));
        assertEquals(nodes, report.getInt("rejectedCount"));
        JsonObject first = report.getJsonArray("rejected").getJsonObject(0);
        assertEquals(nodes + 2, first.getJsonNumber("line").longValue(), "node-0's second copy");
        assertTrue(first.getString("reason").contains("first at line 2"), first::toString);
        assertEquals("1.0000", offers("provider=onprem-dups&limit=1").getJsonArray("items").getJsonObject(0)
                .getString("hourlyUsd"), "the first copy is kept");
    }

    @Test
    void foreignCurrencyNeedsAnFxRateAndIsConvertedExactly() {
        String file = HEADER + "fra-1,,node-eur,,,,8,32,,NEGOTIATED,2.00,EUR,hour,,\n";
        JsonObject problem = refused("onprem-g", "strict", file);
        assertEquals(List.of("2:currency"), errors(problem));
        try (Response set = target.path("/api/pricing/fx-rates/EUR").request()
                .header("Authorization", TestTokens.bearer("admin")).put(Entity.json("{\"usdPerUnit\":\"1.0843\"}"))) {
            assertTrue(set.getStatus() == 201 || set.getStatus() == 200);
        }
        importNow("onprem-g", "strict", file);
        assertEquals("2.1686", offers("provider=onprem-g").getJsonArray("items").getJsonObject(0).getString("hourlyUsd"));
    }

    @Test
    void upfrontFeesAreAmortizedOverTheTerm() {
        importNow("onprem-h", "strict", HEADER + "dc-7,,node-l,,,,8,32,,RESERVED_1Y,0.50,USD,hour,8760,\n");
        JsonObject offer = offers("provider=onprem-h").getJsonArray("items").getJsonObject(0);
        assertEquals("1.5000", offer.getString("hourlyUsd"), "0.50 + 8760 / (12 × 730)");
        assertEquals("8760.0000", offer.getString("upfrontUsd"));
    }

    @Test
    void fileLevelFaultsRefuseTheImportWithTheLine() {
        String before = checksum();
        assertEquals(List.of("1:price"), errors(refused("onprem-i", "strict",
                "region,zone,instance_type,purchase_option,currency,unit\n")));
        byte[] header = HEADER.getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = java.util.Arrays.copyOf(header, header.length + 3);
        latin1[header.length] = (byte) 0xC3;
        latin1[header.length + 1] = (byte) 0x28;
        latin1[header.length + 2] = '\n';
        assertEquals(List.of("2:null"), errors(refusedBytes("onprem-i", latin1)));
        assertEquals(List.of("3:null"), errors(refused("onprem-i", "strict", HEADER
                + "dc-8,,node-m,,,,8,32,,NEGOTIATED,1.00,USD,hour,,\n" + "dc-8,,node-n,,,,8")));
        try (Response empty = post("onprem-i", "strict", "suite-csv", new byte[0])) {
            assertEquals(422, empty.getStatus());
        }
        assertEquals(before, checksum());
    }

    @Test
    void unknownFormatOrNonAdminIsRefusedUpFront() {
        try (Response response = post("onprem-j", "strict", "excel", HEADER.getBytes(StandardCharsets.UTF_8))) {
            assertEquals(400, response.getStatus());
            assertEquals("format", response.readEntity(JsonObject.class).getJsonArray("errors").getJsonObject(0).getString("field"));
        }
        try (Response response = target.path("/api/pricing/imports").queryParam("format", "suite-csv")
                .queryParam("provider", "x").request().header("Authorization", TestTokens.bearer("team"))
                .post(Entity.entity(HEADER, MediaType.TEXT_PLAIN))) {
            assertEquals(403, response.getStatus());
        }
    }

    @Test
    void asyncImportAnswers202AndReportsProgressToCompletion() throws InterruptedException {
        JsonObject started;
        try (Response response = target.path("/api/pricing/imports").queryParam("format", "suite-csv")
                .queryParam("provider", "onprem-k").request().header("Authorization", TestTokens.bearer("admin"))
                .post(Entity.entity(HEADER + "dc-9,,node-o,,,,8,32,,NEGOTIATED,1.00,USD,hour,,\n", "text/csv"))) {
            assertEquals(202, response.getStatus());
            assertTrue(response.getLocation().getPath().startsWith("/api/pricing/imports/"));
            started = response.readEntity(JsonObject.class);
        }
        JsonObject run = started;
        for (int i = 0; i < 100 && run.getString("status").equals("RUNNING"); i++) {
            Thread.sleep(100);
            run = target.path("/api/pricing/imports/" + started.getInt("id")).request()
                    .header("Authorization", TestTokens.bearer("viewer")).get(JsonObject.class);
        }
        assertEquals("SUCCEEDED", run.getString("status"));
        assertEquals(100, run.getJsonNumber("progress").intValue());
        assertEquals(1, run.getInt("offersCreated"));
    }

    @Test
    void diffShowsWhatMovedAgainstThePreviousVersion() {
        importNow("onprem-l", "strict", HEADER + "dc-10,,a,,,,8,32,,NEGOTIATED,1.00,USD,hour,,\n"
                + "dc-10,,b,,,,8,32,,NEGOTIATED,2.00,USD,hour,,\n" + "dc-10,,c,,,,8,32,,NEGOTIATED,3.00,USD,hour,,\n");
        long v2 = importNow("onprem-l", "strict", HEADER + "dc-10,,a,,,,8,32,,NEGOTIATED,1.10,USD,hour,,\n"
                + "dc-10,,b,,,,8,32,,NEGOTIATED,1.50,USD,hour,,\n" + "dc-10,,d,,,,8,32,,NEGOTIATED,4.00,USD,hour,,\n")
                .getJsonNumber("priceBookVersion").longValue();
        JsonObject diff = target.path("/api/pricing/versions/" + v2 + "/diff").request()
                .header("Authorization", TestTokens.bearer("reviewer")).get(JsonObject.class);
        assertEquals(List.of(1, 1, 1, 1, 0), List.of(diff.getInt("added"), diff.getInt("removed"), diff.getInt("priceUp"),
                diff.getInt("priceDown"), diff.getInt("unchanged")));
        List<String> changes = diff.getJsonArray("changes").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getString("instanceType") + ":" + c.getString("change")
                        + (absent(c, "deltaPercent") ? "" : ":" + c.getJsonNumber("deltaPercent").bigDecimalValue().toPlainString()))
                .toList();
        assertEquals(List.of("b:DOWN:-25.00", "a:UP:10.00", "d:ADDED", "c:REMOVED"), changes);
    }

    static final String PER_UNIT_HEADER = "region,instance_type,purchase_option,price,currency,unit,served_model,"
            + "upfront,payment_option,effective_from,effective_to\n";

    @Test
    void perUnitOffersImportWithTheirModelAndUnitAndStayOutOfHourlyReads() {
        JsonObject report = importNow("hosted-a", "strict", PER_UNIT_HEADER
                + "global,,ON_DEMAND,0.00015,USD,1K_INPUT_TOKENS,example-llm-mini,,,2026-01-01,\n"
                + "global,,ON_DEMAND,0.0006,USD,1k_output_tokens,example-llm-mini,,,2026-01-01,\n"
                + "global,vision-api,ON_DEMAND,0.0015,USD,IMAGE,example-vision,,,,\n"
                + "dc-1,node,ON_DEMAND,2.50,USD,hour,,,,,\n");
        assertEquals(4, report.getInt("offersCreated"), report::toString);
        JsonArray hourly = offers("provider=hosted-a").getJsonArray("items");
        assertEquals(1, hourly.size(), "per-unit offers are not deployable instances: " + hourly);
        JsonArray perUnit = offers("provider=hosted-a&kind=PER_UNIT").getJsonArray("items");
        assertEquals(List.of("example-llm-mini:1K_INPUT_TOKENS:0.00015", "example-llm-mini:1K_OUTPUT_TOKENS:0.0006",
                        "example-vision:IMAGE:0.0015"),
                perUnit.getValuesAs(JsonObject.class).stream().map(o -> o.getString("servedModel") + ":" + o.getString("unit")
                        + ":" + new java.math.BigDecimal(o.getString("unitPriceUsd")).stripTrailingZeros().toPlainString())
                        .sorted().toList());
        JsonObject input = perUnit.getValuesAs(JsonObject.class).stream()
                .filter(o -> o.getString("unit").equals("1K_INPUT_TOKENS")).findFirst().orElseThrow();
        assertTrue(absent(input, "hourlyUsd"), "a per-unit offer has no hourly price: " + input);
        assertEquals("PER_UNIT", input.getString("offerKind"));
        assertEquals("example-llm-mini", input.getString("instanceType"), "the served model when no instance type is given");
        assertEquals("2026-01-01T00:00:00Z", input.getString("effectiveFrom"));

        java.net.URI uri = java.net.URI.create("http://localhost:" + target.getUri().getPort());
        try (dev.inferplan.platform.grpc.ServiceChannel channel = dev.inferplan.platform.grpc.ServiceChannel.open(
                uri, () -> TestTokens.token("team"))) {
            var stub = dev.inferplan.contracts.grpc.pricing.PricingServiceGrpc.newBlockingStub(channel.channel());
            List<String> streamed = new java.util.ArrayList<>();
            stub.streamOffers(dev.inferplan.contracts.grpc.pricing.OfferFilter.newBuilder().addProviders("hosted-a")
                    .addKinds("PER_UNIT").build()).forEachRemaining(o -> streamed.add(o.getServedModel() + ":"
                    + o.getUnit() + ":" + o.getUnitPriceUsd().getUsd() + ":" + o.hasHourlyUsd()));
            assertEquals(List.of("example-llm-mini:1K_INPUT_TOKENS:0.00015:false",
                    "example-llm-mini:1K_OUTPUT_TOKENS:0.0006:false", "example-vision:IMAGE:0.0015:false"),
                    streamed.stream().sorted().toList());
        }

        long v2 = importNow("hosted-a", "strict", PER_UNIT_HEADER
                + "global,,ON_DEMAND,0.00012,USD,1K_INPUT_TOKENS,example-llm-mini,,,2026-01-01,\n"
                + "global,,ON_DEMAND,0.0006,USD,1K_OUTPUT_TOKENS,example-llm-mini,,,2026-01-01,\n")
                .getJsonNumber("priceBookVersion").longValue();
        JsonObject diff = target.path("/api/pricing/versions/" + v2 + "/diff").request()
                .header("Authorization", TestTokens.bearer("reviewer")).get(JsonObject.class);
        assertEquals(List.of(0, 2, 0, 1, 1), List.of(diff.getInt("added"), diff.getInt("removed"), diff.getInt("priceUp"),
                diff.getInt("priceDown"), diff.getInt("unchanged")), diff::toString);
    }

    @Test
    void perUnitRowsWithAnUnknownUnitOrNoServedModelAreRefusedWithLineAndColumn() {
        String file = PER_UNIT_HEADER
                + "global,,ON_DEMAND,0.00015,USD,1K_INPUT_TOKENS,example-llm-mini,,,,\n"
                + "global,,ON_DEMAND,0.0006,USD,1K_TOKENS,example-llm-mini,,,,\n"
                + "global,,ON_DEMAND,0.0015,USD,IMAGE,,,,,\n";
        String before = checksum();
        JsonObject problem = refused("hosted-b", "strict", file);
        assertEquals(List.of("3:unit", "4:served_model"), errors(problem));
        assertTrue(problem.getJsonArray("errors").getJsonObject(0).getString("reason").contains("1K_OUTPUT_TOKENS"),
                "the reason lists the units: " + problem);
        assertEquals(before, checksum(), "strict: nothing written");

        JsonObject report = importNow("hosted-b", "lenient", file);
        assertEquals("SUCCEEDED", report.getString("status"));
        assertEquals(1, report.getInt("offersCreated"));
        assertEquals(List.of("3:unit", "4:served_model"), report.getJsonArray("rejected").getValuesAs(JsonObject.class)
                .stream().map(e -> e.getJsonNumber("line").longValue() + ":" + e.getString("column")).toList());
    }

    @Test
    void partialAndAllUpfrontAreDistinctOffersAmortizedOverTheTerm() {
        importNow("onprem-pay", "strict", PER_UNIT_HEADER
                // 0.30 + 2628 / (12 × 730) = 0.30 + 0.30 = 0.60 per hour
                + "dc-20,node,RESERVED_1Y,0.30,USD,hour,,2628,PARTIAL_UPFRONT,2026-01-01,2026-12-31\n"
                // 0 + 13140 / (36 × 730) = 0.50 per hour
                + "dc-20,node,RESERVED_3Y,0,USD,hour,,13140,ALL_UPFRONT,,\n"
                + "dc-20,node,RESERVED_1Y,0.55,USD,hour,,,NO_UPFRONT,,\n");
        JsonArray items = offers("provider=onprem-pay").getJsonArray("items");
        assertEquals(List.of("RESERVED_3Y:ALL_UPFRONT:0.5:13140", "RESERVED_1Y:NO_UPFRONT:0.55:-",
                        "RESERVED_1Y:PARTIAL_UPFRONT:0.6:2628"),
                items.getValuesAs(JsonObject.class).stream().map(o -> o.getString("purchaseOption") + ":"
                        + o.getString("paymentOption") + ":"
                        + new java.math.BigDecimal(o.getString("hourlyUsd")).stripTrailingZeros().toPlainString() + ":"
                        + (absent(o, "upfrontUsd") ? "-"
                        : new java.math.BigDecimal(o.getString("upfrontUsd")).stripTrailingZeros().toPlainString()))
                        .toList());
        assertEquals("2026-12-31T00:00:00Z", items.getJsonObject(2).getString("effectiveTo"));
        JsonObject problem = refused("onprem-pay", "strict", PER_UNIT_HEADER
                + "dc-20,node,ON_DEMAND,0.30,USD,hour,,,PARTIAL_UPFRONT,,\n");
        assertEquals(List.of("2:payment_option"), errors(problem));
    }

    @Test
    void grpcStreamsTheCurrentOffersToARealClient() {
        importNow("onprem-m", "strict", HEADER + "dc-11,,gpu-node,L4,2,,16,64,x86_64,NEGOTIATED,1.60,USD,hour,,\n"
                + "dc-11,,cpu-node,,,,16,64,x86_64,NEGOTIATED,0.80,USD,hour,,\n");
        java.net.URI uri = java.net.URI.create("http://localhost:" + target.getUri().getPort());
        try (dev.inferplan.platform.grpc.ServiceChannel channel = dev.inferplan.platform.grpc.ServiceChannel.open(
                uri, () -> TestTokens.token("team"))) {
            var stub = dev.inferplan.contracts.grpc.pricing.PricingServiceGrpc.newBlockingStub(channel.channel());
            List<dev.inferplan.contracts.grpc.pricing.PriceOffer> streamed = new java.util.ArrayList<>();
            stub.streamOffers(dev.inferplan.contracts.grpc.pricing.OfferFilter.newBuilder().addProviders("onprem-m").build())
                    .forEachRemaining(streamed::add);
            assertEquals(List.of("gpu-node:1.6000:0.8000:nvidia-l4", "cpu-node:0.8000::"), streamed.stream()
                    .map(o -> o.getInstanceType() + ":" + o.getHourlyUsd().getUsd() + ":"
                            + o.getPerAcceleratorHourUsd().getUsd() + ":" + o.getAccelerator()).toList());
            var found = stub.getOffer(dev.inferplan.contracts.grpc.pricing.OfferKey.newBuilder().setProvider("onprem-m")
                    .setRegion("dc-11").setInstanceType("cpu-node").setPurchaseOption("NEGOTIATED").build());
            assertEquals("0.8000", found.getHourlyUsd().getUsd());
            io.grpc.StatusRuntimeException missing = org.junit.jupiter.api.Assertions.assertThrows(
                    io.grpc.StatusRuntimeException.class, () -> stub.getOffer(dev.inferplan.contracts.grpc.pricing.OfferKey
                            .newBuilder().setProvider("onprem-m").setRegion("dc-11").setInstanceType("nope")
                            .setPurchaseOption("NEGOTIATED").build()));
            assertEquals(io.grpc.Status.Code.NOT_FOUND, missing.getStatus().getCode());
        }
    }

    @Test
    void realAwsCatalogImportsStrictlyWithEveryOfferAndExactPrices() throws java.io.IOException {
        JsonObject report;
        try (Response response = post("aws", "strict", "skypilot", seed("seed/skypilot/aws_vms.csv"))) {
            assertEquals(200, response.getStatus(), () -> response.readEntity(String.class));
            report = response.readEntity(JsonObject.class);
        }
        // 1127 on-demand + 872 spot + 785 reserved 1y + 807 reserved 3y rows (counted with Python's csv module)
        assertEquals(3591, report.getInt("offersCreated"));
        assertEquals(0, report.getInt("rejectedCount"));
        JsonObject p4d = offers("provider=aws&region=us-east-1&purchaseOption=ON_DEMAND&accelerator=nvidia-a100-40gb")
                .getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(o -> o.getString("instanceType").equals("p4d.24xlarge")).findFirst().orElseThrow();
        assertEquals("21.957642", p4d.getString("hourlyUsd"));
        assertEquals("2.74470525", p4d.getString("perAcceleratorHourUsd"), "8 A100s");
        JsonArray cheapest = cheapest("provider=aws&purchaseOption=ON_DEMAND");
        java.util.Map<String, JsonObject> byAccelerator = cheapest.getValuesAs(JsonObject.class).stream()
                .collect(java.util.stream.Collectors.toMap(o -> o.getString("accelerator"), o -> o));
        // Independently, with Python over aws_vms.csv: min(Price / AcceleratorCount) per accelerator.
        assertEquals("p5.48xlarge/us-east-1/6.8800", cheapestOf(byAccelerator, "nvidia-h100-80gb"));
        assertEquals("p4d.24xlarge/us-east-2/2.744705", cheapestOf(byAccelerator, "nvidia-a100-40gb"));
        assertEquals("g5.xlarge/us-east-1/1.0060", cheapestOf(byAccelerator, "nvidia-a10g"));
        assertEquals("g6.xlarge/us-east-1/0.8048", cheapestOf(byAccelerator, "nvidia-l4"));
    }

    @Test
    void realGcpCatalogImportsLenientlyReportingDuplicatesAndZeroPrices() throws java.io.IOException {
        JsonObject report;
        try (Response response = post("gcp", "lenient", "skypilot", seed("seed/skypilot/gcp_vms.csv"))) {
            assertEquals(200, response.getStatus(), () -> response.readEntity(String.class));
            report = response.readEntity(JsonObject.class);
        }
        // 31274 on-demand + 31267 spot offers, less 308 exact duplicate TPU rows in the source (imported once,
        // each a warning); 11 a4-highgpu rows carry Price 0.0 (rejected).
        assertEquals(62233, report.getInt("offersCreated"));
        assertEquals(11, report.getInt("rejectedCount"));
        assertEquals(308, report.getInt("warningCount"));
        // Counted independently with Python's csv module over gcp_vms.csv, SkyPilot's attachment rules written
        // again there: 56,468 instances, 1,290 GPU hosts and 4,475 attachable offers; 14,169 configurations.
        JsonObject parts = offers("provider=gcp&kind=PART&limit=1");
        assertEquals(5765, parts.getInt("total"));
        assertFalse(parts.getBoolean("totalCapped"));
        JsonObject instances = offers("provider=gcp&kind=INSTANCE&limit=1");
        assertEquals(10_000, instances.getInt("total"));
        assertTrue(instances.getBoolean("totalCapped"), "over the count's cap of 10,000");
        long version = report.getJsonNumber("priceBookVersion").longValue();
        assertEquals(14_169, count("SELECT COUNT(*) FROM price_offer WHERE offer_kind = 'CONFIGURATION' AND version_id = "
                + version));
        assertEquals(56_468, count("SELECT COUNT(*) FROM price_offer WHERE offer_kind = 'INSTANCE' AND version_id = "
                + version));
        assertEquals("CONFIGURATION", offers("provider=gcp&kind=CONFIGURATION&limit=1").getJsonArray("items")
                .getJsonObject(0).getString("offerKind"));
    }

    private static String cheapestOf(java.util.Map<String, JsonObject> byAccelerator, String accelerator) {
        JsonObject offer = byAccelerator.get(accelerator);
        return offer.getString("instanceType") + "/" + offer.getString("region") + "/" + offer.getString("perAcceleratorHourUsd");
    }

    static byte[] seed(String resource) throws java.io.IOException {
        try (java.io.InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    /** A second Azure page in the API's format: one T4 size on demand, the end of the chain. */
    static final String AZURE_LAST_PAGE = """
            {"BillingCurrency": "USD", "CustomerEntityId": "Default", "CustomerEntityType": "Retail",
             "Items": [{"currencyCode": "USD", "tierMinimumUnits": 0.0, "retailPrice": 0.526, "unitPrice": 0.526,
               "armRegionName": "eastus", "location": "US East", "effectiveStartDate": "2024-01-01T00:00:00Z",
               "meterId": "00000000-0000-0000-0000-000000000000", "meterName": "NC4as T4 v3",
               "productId": "DZH318Z0BQ4W", "skuId": "DZH318Z0BQ4W/00H3",
               "productName": "Virtual Machines NCasT4_v3 Series", "skuName": "NC4as T4 v3",
               "serviceName": "Virtual Machines", "serviceId": "DZH313Z7MMC8", "serviceFamily": "Compute",
               "unitOfMeasure": "1 Hour", "type": "Consumption", "isPrimaryMeterRegion": true,
               "armSkuName": "Standard_NC4as_T4_v3"}],
             "NextPageLink": null, "Count": 1}
            """;

    @Test
    void multipartUploadOfAFileImportsLikeTheBody() {
        try (Response response = multipart("onprem-mp", "suite-csv", "strict",
                new Part("file", "nodes.csv", HEADER + "dc-1,,node-mp,nvidia-h100-80gb,8,80,224,2048,x86_64,NEGOTIATED,"
                        + "24.00,USD,hour,,\n"))) {
            assertEquals(200, response.getStatus(), () -> response.readEntity(String.class));
            JsonObject report = response.readEntity(JsonObject.class);
            assertEquals("SUCCEEDED", report.getString("status"));
            assertEquals(1, report.getInt("offersCreated"));
        }
        assertEquals("3.0000", offers("provider=onprem-mp").getJsonArray("items").getJsonObject(0)
                .getString("perAcceleratorHourUsd"), "24.00 / 8 H100s");
    }

    @Test
    void azurePagesUploadedAsPartsAreFollowedThroughNextPageLink() throws java.io.IOException {
        String realFirstPage = new String(seed("provider-formats/azure_retail_prices_page1_2021-12-30.json"),
                StandardCharsets.UTF_8);
        try (Response response = multipart("azure-mp", "azure-retail", "strict",
                new Part("file", "page-1.json", realFirstPage), new Part("file", "page-2.json", AZURE_LAST_PAGE))) {
            assertEquals(200, response.getStatus(), () -> response.readEntity(String.class));
            // 16 offers on the real page (AzureRetailPricesReaderTest), 1 on the second
            assertEquals(17, response.readEntity(JsonObject.class).getInt("offersCreated"));
        }
        assertEquals(1, offers("provider=azure-mp&accelerator=nvidia-t4").getInt("total"));
    }

    @Test
    void azurePagesAreRefusedWholeWhenTheChainAndThePartsDisagree() throws java.io.IOException {
        String realFirstPage = new String(seed("provider-formats/azure_retail_prices_page1_2021-12-30.json"),
                StandardCharsets.UTF_8);
        String before = checksum();
        try (Response response = multipart("azure-mp2", "azure-retail", "strict",
                new Part("file", "page-1.json", realFirstPage))) {
            assertEquals(422, response.getStatus());
            String detail = response.readEntity(JsonObject.class).getString("detail");
            assertTrue(detail.contains("page 2") && detail.contains("incomplete"), detail);
        }
        try (Response response = multipart("azure-mp2", "azure-retail", "strict",
                new Part("file", "page-2.json", AZURE_LAST_PAGE), new Part("file", "page-1.json", realFirstPage))) {
            assertEquals(422, response.getStatus());
            String detail = response.readEntity(JsonObject.class).getString("detail");
            assertTrue(detail.contains("page 1 has no NextPageLink"), detail);
        }
        try (Response response = multipart("aws-mp", "skypilot", "strict",
                new Part("file", "a.csv", "x\n"), new Part("file", "b.csv", "y\n"))) {
            assertEquals(422, response.getStatus());
            String detail = response.readEntity(JsonObject.class).getString("detail");
            assertTrue(detail.contains("a skypilot price list is one file, but 2 parts were given"), detail);
        }
        assertEquals(before, checksum(), "nothing was written");
    }

    @Test
    void azurePagesSavedInADirectoryImportByUrl() throws java.io.IOException {
        // below pricing.imports.allowed-roots of the tests (src/test/resources/META-INF/microprofile-config.properties)
        java.nio.file.Path pages = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "test-price-lists",
                "azure-pages-" + expectedDatabaseProduct()).toAbsolutePath());
        java.nio.file.Files.write(pages.resolve("page-1.json"),
                seed("provider-formats/azure_retail_prices_page1_2021-12-30.json"));
        java.nio.file.Files.writeString(pages.resolve("page-2.json"), AZURE_LAST_PAGE);
        try (Response response = target.path("/api/pricing/imports").queryParam("format", "azure-retail")
                .queryParam("provider", "azure-dir").queryParam("wait", "true")
                .queryParam("url", java.net.URLEncoder.encode(pages.toUri().toString(), StandardCharsets.UTF_8))
                .request().header("Authorization", TestTokens.bearer("admin"))
                .post(Entity.entity(new byte[0], "text/plain"))) {
            assertEquals(200, response.getStatus(), () -> response.readEntity(String.class));
            assertEquals(17, response.readEntity(JsonObject.class).getInt("offersCreated"));
        }
    }

    @Test
    void multipartWithAnUnknownPartIsRefusedNamingIt() {
        try (Response response = multipart("onprem-mp3", "suite-csv", "strict", new Part("attachment", "x.csv", HEADER))) {
            assertEquals(400, response.getStatus());
            JsonObject problem = response.readEntity(JsonObject.class);
            assertEquals("attachment", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
        }
    }

    record Part(String name, String fileName, String content) {
    }

    /** A multipart/form-data request written out by hand, as curl -F sends it. */
    Response multipart(String provider, String format, String mode, Part... parts) {
        String boundary = "----inferplan" + System.nanoTime();
        StringBuilder body = new StringBuilder();
        for (Part part : parts) {
            body.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(part.name()).append("\"; filename=\"")
                    .append(part.fileName()).append("\"\r\n")
                    .append("Content-Type: application/octet-stream\r\n\r\n")
                    .append(part.content()).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        return target.path("/api/pricing/imports").queryParam("format", format).queryParam("provider", provider)
                .queryParam("mode", mode).queryParam("wait", "true").request()
                .header("Authorization", TestTokens.bearer("admin"))
                .post(Entity.entity(body.toString().getBytes(StandardCharsets.UTF_8),
                        "multipart/form-data; boundary=" + boundary));
    }

    @Test
    void runsOnTheExpectedDatabase() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(expectedDatabaseProduct(), connection.getMetaData().getDatabaseProductName());
        }
    }

    JsonObject importNow(String provider, String mode, String csv) {
        try (Response response = post(provider, mode, "suite-csv", csv.getBytes(StandardCharsets.UTF_8))) {
            assertEquals(200, response.getStatus(), () -> response.readEntity(String.class));
            return response.readEntity(JsonObject.class);
        }
    }

    JsonObject refused(String provider, String mode, String csv) {
        return refusedBytes(provider, csv.getBytes(StandardCharsets.UTF_8));
    }

    JsonObject refusedBytes(String provider, byte[] content) {
        try (Response response = post(provider, "strict", "suite-csv", content)) {
            assertEquals(422, response.getStatus(), () -> response.readEntity(String.class));
            assertEquals("application/problem+json", response.getMediaType().toString());
            return response.readEntity(JsonObject.class);
        }
    }

    Response post(String provider, String mode, String format, byte[] content) {
        return target.path("/api/pricing/imports").queryParam("format", format).queryParam("provider", provider)
                .queryParam("mode", mode).queryParam("wait", "true").request()
                .header("Authorization", TestTokens.bearer("admin"))
                .post(Entity.entity(content, "text/csv"));
    }

    JsonArray cheapest(String query) {
        WebTarget cheapest = target.path("/api/pricing/offers/cheapest");
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            cheapest = cheapest.queryParam(kv[0], kv[1]);
        }
        return cheapest.request().header("Authorization", TestTokens.bearer("viewer")).get(JsonObject.class)
                .getJsonArray("items");
    }

    JsonObject offers(String query) {
        WebTarget offers = target.path("/api/pricing/offers");
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            offers = offers.queryParam(kv[0], kv[1]);
        }
        return offers.request().header("Authorization", TestTokens.bearer("viewer")).get(JsonObject.class);
    }

    static List<String> errors(JsonObject problem) {
        return problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getJsonNumber("line").longValue() + ":" + (absent(e, "column") ? "null" : e.getString("column")))
                .toList();
    }

    /** JSON-B leaves null fields out. */
    static boolean absent(JsonObject object, String key) {
        return !object.containsKey(key) || object.isNull(key);
    }

    long count(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Offer and version counts and the exact sum of every hourly price: any change shows. */
    String checksum() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT (SELECT COUNT(*) FROM price_offer),"
                     + " (SELECT COALESCE(SUM(hourly_usd), 0) FROM price_offer),"
                     + " (SELECT COUNT(*) FROM price_book_version)")) {
            row.next();
            return row.getLong(1) + "/" + row.getBigDecimal(2).stripTrailingZeros().toPlainString() + "/" + row.getLong(3);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
