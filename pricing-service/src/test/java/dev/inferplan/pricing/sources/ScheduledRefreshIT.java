package dev.inferplan.pricing.sources;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.inferplan.contracts.grpc.pricing.ListPriceBookEventsRequest;
import dev.inferplan.contracts.grpc.pricing.PriceBookEvent;
import dev.inferplan.contracts.grpc.pricing.PricingServiceGrpc;
import dev.inferplan.platform.grpc.ServiceChannel;
import dev.inferplan.platform.testing.TestTokens;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The book refreshes itself (issue 14 §3): configured sources refreshed every second; a change of price
 * makes a version, its diff and a PRICE_BOOK_CHANGED event (REST and gRPC); the same content again makes
 * nothing (UNCHANGED); a source that turns bad leaves the book as it was and says so in /health/ready
 * and the metrics.
 */
@ExtendWith(SourceFiles.class)
@HelidonTest
class ScheduledRefreshIT {

    @Inject
    WebTarget target;

    @Test
    void aRefreshThatChangesAPriceMakesAVersionWithItsDiffAndAnEvent() throws Exception {
        await(() -> versions("sched-a").size() == 1, "the first refresh imports the source");
        long position = events(0).getJsonNumber("position").longValue();

        SourceFiles.write("sched-a", SourceFiles.HEADER + "dc-1,,node-1,,,,8,32,,NEGOTIATED,1.25,USD,hour,,\n"
                + "dc-1,,node-2,,,,8,32,,NEGOTIATED,2.00,USD,hour,,\n" + "dc-1,,node-3,,,,8,32,,NEGOTIATED,3.00,USD,hour,,\n");
        await(() -> versions("sched-a").size() == 2, "a refresh after the change makes a second version");
        long version = versions("sched-a").getJsonObject(0).getJsonNumber("id").longValue();

        JsonObject event = events(position).getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("provider").equals("sched-a")).findFirst().orElseThrow();
        assertEquals("PRICE_BOOK_CHANGED", event.getString("type"));
        assertEquals(version, event.getJsonNumber("priceBookVersion").longValue());
        assertEquals("scheduler", event.getString("importedBy"));
        JsonObject summary = event.getJsonObject("summary");
        assertEquals(List.of(1, 0, 1, 0, 1), List.of(summary.getInt("added"), summary.getInt("removed"),
                summary.getInt("priceUp"), summary.getInt("priceDown"), summary.getInt("unchanged")));
        JsonObject diff = target.path("/api/pricing/versions/" + version + "/diff").request()
                .header("Authorization", TestTokens.bearer("reviewer")).get(JsonObject.class);
        assertEquals("25.00", diff.getJsonArray("changes").getJsonObject(0).getJsonNumber("deltaPercent")
                .bigDecimalValue().toPlainString(), "the diff is kept: node-1 1.00 -> 1.25");

        try (ServiceChannel channel = ServiceChannel.open(URI.create("http://localhost:" + target.getUri().getPort()),
                () -> TestTokens.token("viewer"))) {
            List<PriceBookEvent> streamed = PricingServiceGrpc.newBlockingStub(channel.channel())
                    .listPriceBookEvents(ListPriceBookEventsRequest.newBuilder().setAfterPosition(position).build())
                    .getEventsList();
            PriceBookEvent grpc = streamed.stream().filter(e -> e.getProvider().equals("sched-a")).findFirst().orElseThrow();
            assertEquals(event.getJsonNumber("position").longValue(), grpc.getPosition());
            assertEquals(1, grpc.getPriceUp());
        }

        await(() -> "UNCHANGED".equals(source("sched-a").getString("lastStatus", "")),
                "the next refresh of the same content is UNCHANGED");
        assertEquals(2, versions("sched-a").size(), "and makes no version");
    }

    @Test
    void aRefreshThatFailsLeavesTheBookAsItWasAndShowsInHealthAndMetrics() throws Exception {
        await(() -> versions("sched-b").size() == 1 && "UNCHANGED".equals(source("sched-b").getString("lastStatus", "")),
                "imported, then confirmed");
        String before = offers("sched-b");
        double lastSuccess = lastSuccessSeconds("sched-b");
        assertTrue(lastSuccess > Instant.now().minusSeconds(600).getEpochSecond(), "a recent success: " + lastSuccess);
        Matcher rate = Pattern.compile("pricing_import_rows_per_second\\{[^}]*provider=\"sched-b\"[^}]*\\} (\\S+)")
                .matcher(metrics());
        assertTrue(rate.find() && Double.parseDouble(rate.group(1)) > 0, "the import's rows per second are on /metrics");

        SourceFiles.write("sched-b", SourceFiles.HEADER + "dc-1,,node-1,,,,8,32,,NEGOTIATED,abc,USD,hour,,\n");
        await(() -> "FAILED".equals(source("sched-b").getString("lastStatus", "")), "the strict refresh fails");
        JsonObject state = source("sched-b");
        assertEquals("REFUSED", state.getString("lastReason"));
        assertEquals(1, versions("sched-b").size());
        assertEquals(before, offers("sched-b"), "the book is as it was");

        HttpResponse<String> ready = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(target.getUri() + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(ready.body().contains("\"sched-b.lastStatus\":\"FAILED (REFUSED)\""), ready.body());
        assertTrue(ready.body().contains("sched-b.lastFailure"), ready.body());
        double after = lastSuccessSeconds("sched-b");
        assertTrue(after >= lastSuccess && after < Instant.now().minusMillis(500).getEpochSecond() + 1,
                "the last success stays before the failure: " + after);
        assertTrue(metrics().matches("(?s).*pricing_import_refresh_failures_total\\{[^}]*provider=\"sched-b\"[^}]*\\} [1-9].*"),
                "failures are counted");
    }

    private JsonArray versions(String provider) {
        return target.path("/api/pricing/versions").queryParam("provider", provider).request()
                .header("Authorization", TestTokens.bearer("viewer")).get(JsonArray.class);
    }

    private JsonObject events(long after) {
        return target.path("/api/pricing/events").queryParam("after", after).request()
                .header("Authorization", TestTokens.bearer("viewer")).get(JsonObject.class);
    }

    private JsonObject source(String provider) {
        return target.path("/api/pricing/sources").request().header("Authorization", TestTokens.bearer("viewer"))
                .get(JsonArray.class).getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("provider").equals(provider)).findFirst().orElseThrow();
    }

    private String offers(String provider) {
        return target.path("/api/pricing/offers").queryParam("provider", provider).request()
                .header("Authorization", TestTokens.bearer("viewer")).get(String.class);
    }

    private String metrics() throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(target.getUri() + "/metrics")).header("Accept", "text/plain").build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private double lastSuccessSeconds(String provider) throws Exception {
        String text = metrics();
        Matcher gauge = Pattern.compile("pricing_import_last_success_seconds\\{[^}]*provider=\"" + provider
                + "\"[^}]*\\} (\\S+)").matcher(text);
        assertTrue(gauge.find(), text.lines().filter(l -> l.contains("pricing_import")).toList()::toString);
        return Double.parseDouble(gauge.group(1));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(200);
        }
    }
}
