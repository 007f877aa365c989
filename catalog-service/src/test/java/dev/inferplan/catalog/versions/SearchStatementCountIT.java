package dev.inferplan.catalog.versions;

import java.util.ArrayList;
import java.util.List;

import dev.inferplan.catalog.CatalogClient;

import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No N+1: the number of SQL statements a search (or a version read, or a model card) executes does
 * not depend on how many versions and metrics it returns. Counted under the JDBC driver, so JPA's
 * and plain JDBC statements alike. Searches and version reads are answered by the in-memory
 * {@link VersionIndex}: one statement (the audit tail) when nothing changed, two more to reload
 * whatever a change touched.
 */
@ExtendWith(SearchStatementCountIT.CountingDatabase.class)
@HelidonTest
class SearchStatementCountIT {

    /**
     * Points the service at an in-memory H2 behind {@link CountingDriver}, before Helidon starts, and
     * turns the lease reaper off: the driver counts every statement in the JVM, and the reaper's
     * statement once a second would land inside a request's count now and then.
     */
    static final class CountingDatabase implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            CountingDriver.executed();
            System.setProperty("DB_URL", "jdbc:counting:h2:mem:counted;MODE=MariaDB;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000");
            System.setProperty("catalog.jobs.reaper-interval-seconds", "0");
        }
    }

    @Inject
    WebTarget target;

    @Test
    void searchRunsTheSameStatementsWhateverTheResultSize() {
        CatalogClient api = new CatalogClient(target);
        long family = api.family(CatalogClient.unique("counted"), "image-classification");
        List<Long> versions = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            long version = api.version(family, "v" + i);
            api.metric(version, "top1", Integer.toString(50 + i % 40));
            api.metric(version, "top5", Integer.toString(80 + i % 20));
            versions.add(version);
        }
        // The first read after the writes catches the version index up: the audit tail (once outside
        // and once inside the refresh lock), then the changed versions and their metrics.
        assertEquals(4L, statements(api, "/api/catalog/versions?task=image-classification&size=1", 1));
        List<Long> counts = new ArrayList<>();
        for (int size : new int[] {1, 5, 20, 60}) {
            counts.add(statements(api, "/api/catalog/versions?task=image-classification&size=" + size, size));
        }
        assertEquals(List.of(1L, 1L, 1L, 1L), counts, "only the audit tail: nothing changed, the index answers");
        // top1 = 50 + i % 40: 40 of the 60 reach 60; the 5 at 85 or more are TIER_3, the other 55 TIER_2.
        assertEquals(1L, statements(api, "/api/catalog/versions?q=counted&metric=top1&minValue=60&sort=-metric&size=60", 40));
        assertEquals(1L, statements(api, "/api/catalog/versions?q=counted&tier=TIER_2&size=60", 55));
        assertEquals(1L, statements(api, "/api/catalog/versions/" + versions.getFirst(), -1), "one version");

        // A change reloads what it touched in two statements, however many versions that is.
        api.metric(versions.getLast(), "top1", "99");
        assertEquals(4L, statements(api, "/api/catalog/versions?q=counted&size=1", 1), "one version reloaded");
        assertEquals(200, api.patch("olga", "admin", "/api/catalog/families/" + family,
                "{\"description\": \"Sixty versions.\", \"revision\": 1}").status());
        assertEquals(4L, statements(api, "/api/catalog/versions?q=sixty&size=60", 60), "the family's 60 versions reloaded");
        assertEquals(1L, statements(api, "/api/catalog/versions?q=sixty&size=60", 60));
    }

    @Test
    void theModelCardDoesNotGrowWithItsMetricsResultsOrHistory() {
        CatalogClient api = new CatalogClient(target);
        long family = api.family(CatalogClient.unique("card"), "image-classification");
        long small = api.version(family, "small");
        api.metric(small, "top1", "70");
        api.evidence(small, "0.0200");
        long large = api.version(family, "large");
        for (int i = 0; i < 15; i++) {
            api.metric(large, "top1", Integer.toString(60 + i));
            api.evidence(large, "0.02" + i);
            api.created("rita", "reviewer", "/api/catalog/versions/" + large + "/comments", "{\"body\": \"note " + i + "\"}");
        }
        assertEquals(statements(api, "/api/catalog/versions/" + small + "/card", -1),
                statements(api, "/api/catalog/versions/" + large + "/card", -1));
    }

    private long statements(CatalogClient api, String path, int expectedItems) {
        long before = CountingDriver.executed();
        try (Response response = api.as("vera", "viewer", path).get()) {
            assertEquals(200, response.getStatus(), () -> response.readEntity(String.class));
            JsonObject body = response.readEntity(JsonObject.class);
            long executed = CountingDriver.executed() - before;
            if (expectedItems >= 0) {
                assertEquals(expectedItems, body.getJsonArray("items").size(), path);
                assertTrue(body.getJsonArray("items").getJsonObject(0).getJsonArray("metrics").size() >= 2);
            }
            return executed;
        }
    }
}
