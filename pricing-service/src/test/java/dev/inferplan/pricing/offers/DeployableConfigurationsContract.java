package dev.inferplan.pricing.offers;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.inferplan.contracts.grpc.pricing.OfferFilter;
import dev.inferplan.contracts.grpc.pricing.PriceOffer;
import dev.inferplan.contracts.grpc.pricing.PricingServiceGrpc;
import dev.inferplan.platform.grpc.ServiceChannel;
import dev.inferplan.platform.testing.TestTokens;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GCP's attachable accelerators and GPU hosts become deployable configurations (issue 14 §2), through
 * REST and gRPC against the real database (H2 or MariaDB per subclass).
 *
 * <p>The hand-checked file is the real catalog's rows for us-central1-a (gcp_vms.csv, prices as
 * written): by SkyPilot's rules a T4 × 1 fits N1 hosts up to 48 vCPUs / 312 GiB (n1-standard-4, not
 * n1-standard-96), T4 × 4 up to 96 / 624 (both); A100 × 1 only on a2-highgpu-1g, L4 × 1 on g2-standard-8
 * (not A100 × 4 or L4 × 4, whose hosts are not in the file); a3-highgpu-1g has no H100 row here.
 */
abstract class DeployableConfigurationsContract {

    static final String GCP_HEADER = "InstanceType,vCPUs,MemoryGiB,AcceleratorName,AcceleratorCount,GpuInfo,Region,"
            + "AvailabilityZone,Price,SpotPrice\n";
    static final String US_CENTRAL1_A = GCP_HEADER
            + "a2-highgpu-1g,12.0,85.0,,,,us-central1,us-central1-a,0.73948,0.36975\n"
            + "a3-highgpu-1g,26.0,234.0,,,,us-central1,us-central1-a,1.18251,0.4829\n"
            + "g2-standard-8,8.0,32.0,,,,us-central1,us-central1-a,0.29358,0.12336\n"
            + "n1-standard-4,4.0,15.0,,,,us-central1,us-central1-a,0.19,0.06977\n"
            + "n1-standard-96,96.0,360.0,,,,us-central1,us-central1-a,4.55998,1.67448\n"
            + ",,,A100,1,\"{'Gpus': [{'MemoryInfo': {'SizeInMiB': 40960}}]}\",us-central1,us-central1-a,2.93391,1.4341\n"
            + ",,,A100,4,\"{'Gpus': [{'MemoryInfo': {'SizeInMiB': 40960}}]}\",us-central1,us-central1-a,11.73563,5.7364\n"
            + ",,,L4,1,\"{'Gpus': [{'MemoryInfo': {'SizeInMiB': 24576}}]}\",us-central1,us-central1-a,0.56004,0.2343\n"
            + ",,,L4,4,\"{'Gpus': [{'MemoryInfo': {'SizeInMiB': 24576}}]}\",us-central1,us-central1-a,2.24016,0.9372\n"
            + ",,,T4,1,\"{'Gpus': [{'MemoryInfo': {'SizeInMiB': 16384}}]}\",us-central1,us-central1-a,0.35,0.1654\n"
            + ",,,T4,4,\"{'Gpus': [{'MemoryInfo': {'SizeInMiB': 16384}}]}\",us-central1,us-central1-a,1.4,0.6616\n";

    /** By hand: host + attachable row, per accelerator-hour = sum / count. */
    static final Map<String, String> EXPECTED = new TreeMap<>(Map.of(
            "ON_DEMAND n1-standard-4 nvidia-t4x1", "0.5400 0.5400",          // 0.19 + 0.35
            "ON_DEMAND n1-standard-4 nvidia-t4x4", "1.5900 0.3975",          // 0.19 + 1.4
            "ON_DEMAND n1-standard-96 nvidia-t4x4", "5.95998 1.489995",      // 4.55998 + 1.4
            "ON_DEMAND a2-highgpu-1g nvidia-a100-40gbx1", "3.67339 3.67339", // 0.73948 + 2.93391
            "ON_DEMAND g2-standard-8 nvidia-l4x1", "0.85362 0.85362",        // 0.29358 + 0.56004
            "SPOT n1-standard-4 nvidia-t4x1", "0.23517 0.23517",             // 0.06977 + 0.1654
            "SPOT n1-standard-4 nvidia-t4x4", "0.73137 0.1828425",           // 0.06977 + 0.6616
            "SPOT n1-standard-96 nvidia-t4x4", "2.33608 0.58402",            // 1.67448 + 0.6616
            "SPOT a2-highgpu-1g nvidia-a100-40gbx1", "1.80385 1.80385",      // 0.36975 + 1.4341
            "SPOT g2-standard-8 nvidia-l4x1", "0.35766 0.35766"));           // 0.12336 + 0.2343

    @Inject
    WebTarget target;

    @Test
    void gcpPartsAreOfferedAsConfigurationsPricedHostPlusAccelerators() {
        importNow("gcp-hand", "strict", US_CENTRAL1_A);
        List<JsonObject> deployable = offers("provider=gcp-hand&limit=1000");
        Map<String, String> configurations = new TreeMap<>();
        for (JsonObject o : deployable) {
            assertTrue(List.of("INSTANCE", "CONFIGURATION").contains(o.getString("offerKind")), o::toString);
            if (o.getString("offerKind").equals("CONFIGURATION")) {
                configurations.put(o.getString("purchaseOption") + " " + o.getString("instanceType") + " "
                        + o.getString("accelerator") + "x" + o.getJsonNumber("acceleratorCount").bigDecimalValue()
                        .toPlainString(), o.getString("hourlyUsd") + " " + o.getString("perAcceleratorHourUsd"));
                assertEquals("us-central1-a", o.getString("zone"));
                // what it is made of: the parts' prices add up to the configuration's
                JsonArray parts = o.getJsonArray("parts");
                assertEquals(2, parts.size(), o::toString);
                BigDecimal sum = parts.getValuesAs(JsonObject.class).stream()
                        .map(p -> new BigDecimal(p.getString("hourlyUsd"))).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertEquals(0, sum.compareTo(new BigDecimal(o.getString("hourlyUsd"))), o::toString);
                JsonObject host = parts.getJsonObject(0);
                assertEquals(o.getString("instanceType"), host.getString("instanceType"));
                assertEquals(o.getString("instanceType").startsWith("n1-") ? "INSTANCE" : "HOST", host.getString("offerKind"));
                assertEquals("ATTACHABLE_ACCELERATOR", parts.getJsonObject(1).getString("offerKind"));
                assertEquals(o.getString("accelerator"), parts.getJsonObject(1).getString("accelerator"));
            } else {
                assertTrue(o.getString("instanceType").startsWith("n1-"), "only N1 types are deployable alone: " + o);
                assertFalse(o.containsKey("parts"));
            }
        }
        assertEquals(EXPECTED, configurations);
        assertEquals(14, deployable.size(), "10 configurations and the two N1 instances on demand and spot");
        JsonObject t4 = deployable.stream().filter(o -> o.getString("instanceType").equals("n1-standard-4")
                && "nvidia-t4".equals(o.getString("accelerator", null)) && o.getString("purchaseOption").equals("SPOT")
                && o.getJsonNumber("acceleratorCount").intValue() == 1).findFirst().orElseThrow();
        assertEquals("4", t4.getJsonNumber("vcpus").bigDecimalValue().toPlainString(), "the host's vCPUs");
        assertEquals("16", t4.getJsonNumber("acceleratorMemoryGib").bigDecimalValue().toPlainString());
        assertEquals("0.0587925", t4.getString("perVcpuHourUsd"), "0.23517 / 4");

        // the raw parts only when asked: the attachable rows and the GPU hosts, never the N1 instances
        List<JsonObject> parts = offers("provider=gcp-hand&kind=PART&limit=1000");
        assertEquals(18, parts.size(), "6 attachable rows and 3 GPU hosts, on demand and spot");
        assertTrue(parts.stream().allMatch(o -> List.of("ATTACHABLE_ACCELERATOR", "HOST").contains(o.getString("offerKind"))));
        assertEquals("2.93391", parts.stream().filter(o -> o.getString("offerKind").equals("ATTACHABLE_ACCELERATOR")
                && o.getString("accelerator").equals("nvidia-a100-40gb") && o.getJsonNumber("acceleratorCount").intValue() == 1
                && o.getString("purchaseOption").equals("ON_DEMAND")).findFirst().orElseThrow().getString("hourlyUsd"));

        // the cheapest per accelerator-hour compares deployable offers: T4 × 4 on n1-standard-4
        JsonObject cheapest = cheapest("provider=gcp-hand&purchaseOption=ON_DEMAND");
        assertEquals(List.of("CONFIGURATION", "INSTANCE"), cheapest.getJsonArray("offerKinds").getValuesAs(
                jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        assertTrue(cheapest.getString("compared").contains("per accelerator-hour"), cheapest::toString);
        assertEquals(Map.of("nvidia-a100-40gb", "a2-highgpu-1g 3.67339", "nvidia-l4", "g2-standard-8 0.85362",
                        "nvidia-t4", "n1-standard-4 0.3975"),
                cheapest.getJsonArray("items").getValuesAs(JsonObject.class).stream().collect(Collectors.toMap(
                        o -> o.getString("accelerator"),
                        o -> o.getString("instanceType") + " " + o.getString("perAcceleratorHourUsd"))));
        assertEquals("0.1828425", cheapest("provider=gcp-hand&purchaseOption=SPOT").getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().filter(o -> o.getString("accelerator").equals("nvidia-t4"))
                .findFirst().orElseThrow().getString("perAcceleratorHourUsd"));
        assertEquals("0.1654", cheapest("provider=gcp-hand&purchaseOption=SPOT&kind=PART").getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().filter(o -> o.getString("accelerator").equals("nvidia-t4"))
                .findFirst().orElseThrow().getString("perAcceleratorHourUsd"), "parts compared only when asked");
    }

    @Test
    void grpcStreamsConfigurationsWithTheirPartsAndAcceptsListsPerField() {
        importNow("gcp-grpc", "strict", US_CENTRAL1_A);
        try (ServiceChannel channel = ServiceChannel.open(URI.create("http://localhost:" + target.getUri().getPort()),
                () -> TestTokens.token("team"))) {
            var stub = PricingServiceGrpc.newBlockingStub(channel.channel());
            List<PriceOffer> streamed = new ArrayList<>();
            stub.streamOffers(OfferFilter.newBuilder().addProviders("gcp-grpc").addAccelerators("nvidia-l4")
                    .addAccelerators("nvidia-a100-40gb").addPurchaseOptions("SPOT").addPurchaseOptions("ON_DEMAND").build())
                    .forEachRemaining(streamed::add);
            assertEquals(4, streamed.size(), "A100 on a2 and L4 on g2, on demand and spot");
            PriceOffer a2 = streamed.stream().filter(o -> o.getInstanceType().equals("a2-highgpu-1g")
                    && o.getPurchaseOption().equals("SPOT")).findFirst().orElseThrow();
            assertEquals("CONFIGURATION", a2.getOfferKind());
            assertEquals("1.80385", a2.getHourlyUsd().getUsd());
            assertEquals(List.of("HOST:a2-highgpu-1g::0.36975", "ATTACHABLE_ACCELERATOR::nvidia-a100-40gb:1.4341"),
                    a2.getPartsList().stream().map(p -> p.getOfferKind() + ":" + p.getInstanceType() + ":"
                            + p.getAccelerator() + ":" + p.getHourlyUsd().getUsd()).toList());

            List<PriceOffer> parts = new ArrayList<>();
            stub.streamOffers(OfferFilter.newBuilder().addProviders("gcp-grpc").addKinds("PART")
                    .addRegions("us-central1").addRegions("elsewhere").build()).forEachRemaining(parts::add);
            assertEquals(18, parts.size());
            assertTrue(parts.stream().allMatch(o -> o.getPartsCount() == 0));

            // GetOffer of a GPU host finds its one configuration
            PriceOffer byKey = stub.getOffer(dev.inferplan.contracts.grpc.pricing.OfferKey.newBuilder()
                    .setProvider("gcp-grpc").setRegion("us-central1").setZone("us-central1-a")
                    .setInstanceType("g2-standard-8").setPurchaseOption("ON_DEMAND").build());
            assertEquals("0.85362", byKey.getHourlyUsd().getUsd());

            // the book's versions, by provider: what a snapshot of the book is made of
            var versions = stub.listBookVersions(dev.inferplan.contracts.grpc.pricing.ListBookVersionsRequest
                    .getDefaultInstance()).getVersionsList();
            var mine = versions.stream().filter(v -> v.getProvider().equals("gcp-grpc")).findFirst().orElseThrow();
            assertEquals(64, mine.getSourceSha256().length());
            List<PriceOffer> pinned = new ArrayList<>();
            stub.streamOffers(OfferFilter.newBuilder().addPriceBookVersions(mine.getId()).build())
                    .forEachRemaining(pinned::add);
            assertEquals(14, pinned.size(), "exactly that version's deployable offers");
            assertTrue(pinned.stream().allMatch(o -> o.getPriceBookVersion() == mine.getId()));

            io.grpc.StatusRuntimeException bad = org.junit.jupiter.api.Assertions.assertThrows(
                    io.grpc.StatusRuntimeException.class, () -> stub.streamOffers(OfferFilter.newBuilder()
                            .addKinds("WHOLE").build()).forEachRemaining(o -> { }));
            assertEquals(io.grpc.Status.Code.INVALID_ARGUMENT, bad.getStatus().getCode());
            assertTrue(bad.getStatus().getDescription().startsWith("kinds:"), bad.getStatus().getDescription());
        }
    }

    @Test
    void relabellingCarriesTheConfigurationsIntoTheNewVersion() {
        String file = US_CENTRAL1_A
                + ",,,Zeta Q9,1,,us-central1,us-central1-a,0.99,0.33\n";
        long first = importNow("gcp-relabel", "lenient", file).getJsonNumber("priceBookVersion").longValue();
        Map<String, String> before = configurations("gcp-relabel");
        assertEquals(EXPECTED, before);
        try (Response added = target.path("/api/pricing/accelerators").request()
                .header("Authorization", TestTokens.bearer("admin")).post(Entity.json("{\"id\": \"zeta-q9\","
                        + " \"aliases\": [\"Zeta Q9\"], \"vendor\": \"Zeta\", \"memoryGib\": 48, \"kind\": \"GPU\"}"))) {
            assertEquals(201, added.getStatus(), () -> added.readEntity(String.class));
        }
        List<JsonObject> now = offers("provider=gcp-relabel&kind=CONFIGURATION&limit=1000");
        long second = now.get(0).getJsonNumber("priceBookVersion").longValue();
        assertNotEquals(first, second);
        assertTrue(now.stream().allMatch(o -> o.getJsonNumber("priceBookVersion").longValue() == second));
        assertEquals(before, configurations("gcp-relabel"), "the same configurations, once each, at the same prices");
        assertEquals(2, offers("provider=gcp-relabel&kind=PART&accelerator=zeta-q9").size(),
                "the part is re-labelled, on demand and spot");
    }

    @Test
    void cheapestAcrossTheFourSeededCloudsComparesDeployableOffersPerAcceleratorHour() throws IOException {
        for (String cloud : List.of("aws", "gcp", "azure", "vast")) {
            try (Response response = post("seeded-" + cloud, "lenient", "skypilot", seed("seed/skypilot/" + cloud + "_vms.csv"))) {
                assertEquals(200, response.getStatus(), () -> response.readEntity(String.class));
            }
        }
        String providers = "provider=seeded-aws&provider=seeded-gcp&provider=seeded-azure&provider=seeded-vast";
        JsonObject cheapest = cheapest(providers + "&purchaseOption=ON_DEMAND");
        assertTrue(cheapest.getString("compared").startsWith("deployable offers"), cheapest::toString);
        List<JsonObject> items = cheapest.getJsonArray("items").getValuesAs(JsonObject.class);
        assertTrue(items.size() > 20, "accelerators of four clouds: " + items.size());
        for (JsonObject item : items) {
            assertTrue(List.of("INSTANCE", "CONFIGURATION").contains(item.getString("offerKind")), item::toString);
            // the same figure the list gives for the accelerator, cheapest first (the database's answer)
            JsonObject listed = offers(providers + "&purchaseOption=ON_DEMAND&accelerator=" + item.getString("accelerator")
                    + "&sort=perAcceleratorHourUsd&limit=1").get(0);
            assertEquals(listed.getString("perAcceleratorHourUsd"), item.getString("perAcceleratorHourUsd"), item::toString);
            assertEquals(0, new BigDecimal(item.getString("hourlyUsd")).divide(item.getJsonNumber("acceleratorCount")
                    .bigDecimalValue(), 10, java.math.RoundingMode.HALF_EVEN).compareTo(
                            new BigDecimal(item.getString("perAcceleratorHourUsd"))), item::toString);
        }
        // GCP's L4 and A100 answers (if GCP's) are whole machines: host + GPUs, never the GPU's price alone
        for (JsonObject item : items) {
            if (item.getString("provider").equals("seeded-gcp") && !item.getString("accelerator").startsWith("google-tpu")) {
                assertEquals("CONFIGURATION", item.getString("offerKind"), item::toString);
                assertEquals(2, item.getJsonArray("parts").size(), item::toString);
            }
        }
        JsonObject gcpL4 = cheapest("provider=seeded-gcp&purchaseOption=ON_DEMAND").getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().filter(o -> o.getString("accelerator").equals("nvidia-l4"))
                .findFirst().orElseThrow();
        assertTrue(gcpL4.getString("instanceType").startsWith("g2-standard-"), gcpL4::toString);
    }

    @Test
    void keysetPagesWalkEveryOfferOnceInOrderAndABadTokenIsRefused() {
        importNow("gcp-pages", "strict", US_CENTRAL1_A);
        for (String sort : List.of("hourlyUsd", "perAcceleratorHourUsd", "perVcpuHourUsd")) {
            JsonObject whole = get("/api/pricing/offers", "provider=gcp-pages&sort=" + sort + "&limit=1000");
            List<String> expected = whole.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                    .map(DeployableConfigurationsContract::identity).toList();
            assertEquals(expected.size(), whole.getInt("total"));
            assertFalse(whole.getBoolean("totalCapped"));
            assertTrue(!whole.containsKey("next") || whole.isNull("next"), "one page holds them all");
            List<String> paged = new ArrayList<>();
            String after = null;
            do {
                JsonObject page = get("/api/pricing/offers", "provider=gcp-pages&sort=" + sort + "&limit=3"
                        + (after == null ? "" : "&after=" + after));
                page.getJsonArray("items").getValuesAs(JsonObject.class).forEach(o -> paged.add(identity(o)));
                after = page.containsKey("next") && !page.isNull("next") ? page.getString("next") : null;
            } while (after != null);
            assertEquals(expected, paged, "by " + sort + ": every offer once, in the same order");
        }
        assertEquals(14, offers("provider=gcp-pages&limit=1000").size());
        assertEquals(10, offers("provider=gcp-pages&sort=perAcceleratorHourUsd&limit=1000").size(),
                "by price per accelerator-hour: the configurations; N1 instances alone have no accelerator");
        try (Response bad = target.path("/api/pricing/offers").queryParam("after", "not-a-token").request()
                .header("Authorization", TestTokens.bearer("viewer")).get()) {
            assertEquals(400, bad.getStatus());
            assertEquals("after", bad.readEntity(JsonObject.class).getJsonArray("errors").getJsonObject(0).getString("field"));
        }
        try (Response bad = target.path("/api/pricing/offers").queryParam("kind", "WHOLE").request()
                .header("Authorization", TestTokens.bearer("viewer")).get()) {
            assertEquals(400, bad.getStatus());
            assertEquals("kind", bad.readEntity(JsonObject.class).getJsonArray("errors").getJsonObject(0).getString("field"));
        }
    }

    private static String identity(JsonObject o) {
        return o.getString("purchaseOption") + " " + o.getString("instanceType") + " " + o.getString("offerKind") + " "
                + o.getString("accelerator", "-") + "x" + o.getJsonNumber("acceleratorCount").bigDecimalValue()
                .toPlainString() + " " + o.getString("hourlyUsd");
    }

    Map<String, String> configurations(String provider) {
        Map<String, String> found = new TreeMap<>();
        for (JsonObject o : offers("provider=" + provider + "&kind=CONFIGURATION&limit=1000")) {
            String key = o.getString("purchaseOption") + " " + o.getString("instanceType") + " " + o.getString("accelerator")
                    + "x" + o.getJsonNumber("acceleratorCount").bigDecimalValue().toPlainString();
            assertEquals(null, found.put(key, o.getString("hourlyUsd") + " " + o.getString("perAcceleratorHourUsd")),
                    "one configuration per key: " + key);
        }
        return found;
    }

    JsonObject importNow(String provider, String mode, String csv) {
        try (Response response = post(provider, mode, "skypilot", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            assertEquals(200, response.getStatus(), () -> response.readEntity(String.class));
            return response.readEntity(JsonObject.class);
        }
    }

    Response post(String provider, String mode, String format, byte[] content) {
        return target.path("/api/pricing/imports").queryParam("format", format).queryParam("provider", provider)
                .queryParam("mode", mode).queryParam("wait", "true").request()
                .header("Authorization", TestTokens.bearer("admin")).post(Entity.entity(content, "text/csv"));
    }

    List<JsonObject> offers(String query) {
        return get("/api/pricing/offers", query).getJsonArray("items").getValuesAs(JsonObject.class);
    }

    JsonObject cheapest(String query) {
        return get("/api/pricing/offers/cheapest", query);
    }

    private JsonObject get(String path, String query) {
        WebTarget request = target.path(path);
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            request = request.queryParam(kv[0], kv[1]);
        }
        return request.request().header("Authorization", TestTokens.bearer("viewer")).get(JsonObject.class);
    }

    static byte[] seed(String resource) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }
}
