package dev.inferplan.catalog.versions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import dev.inferplan.catalog.CatalogClient;

import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static dev.inferplan.catalog.CatalogClient.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The in-memory {@link VersionIndex} answers searches, GET of a version and the gRPC stream: every
 * kind of change must show in the very next read, including a change whose transaction commits after
 * a later one (its audit id was skipped when the index last caught up). Run on H2 and MariaDB.
 */
abstract class VersionIndexContract {

    @Inject
    WebTarget target;

    @Inject
    @Named("catalog")
    DataSource dataSource;

    abstract String expectedDatabaseProduct();

    private CatalogClient api() {
        return new CatalogClient(target);
    }

    @Test
    void everyKindOfChangeShowsInTheNextRead() {
        String marker = unique("indexed");
        long family = api().family(marker, "image-classification");
        long version = api().version(family, "1.0.0");
        assertEquals(List.of("1.0.0"), labels("q=" + marker));
        assertEquals(List.of(), labels("q=" + marker + "&metric=top1&minValue=80"));

        api().metric(version, "top1", "81.5");
        assertEquals(List.of("1.0.0"), labels("q=" + marker + "&metric=top1&minValue=80"));
        assertEquals("TIER_2", api().get("/api/catalog/versions/" + version).getString("tier"), "the policy's proposal");

        // the family's description is part of the versions' free text
        String word = unique("zebra");
        assertEquals(200, api().patch("olga", "admin", "/api/catalog/families/" + family,
                "{\"description\": \"Now with " + word + " stripes.\", \"revision\": 1}").status());
        assertEquals(List.of("1.0.0"), labels("q=" + word));

        long revision = api().get("/api/catalog/versions/" + version).getInt("revision");
        try (Response override = api().put("rita", "reviewer", "/api/catalog/versions/" + version + "/tier",
                "{\"tier\": \"TIER_1\", \"reason\": \"edge only\", \"revision\": " + revision + "}")) {
            assertEquals(200, override.getStatus(), () -> override.readEntity(String.class));
        }
        assertEquals(List.of("1.0.0"), labels("q=" + marker + "&tier=TIER_1"));

        api().review("tina", "team", version, "SUBMIT", null);
        assertEquals(List.of("1.0.0"), labels("q=" + marker + "&status=IN_REVIEW"));
        assertEquals(List.of(), labels("q=" + marker + "&status=PROPOSED"));

        long second = api().version(family, "2.0.0");
        assertEquals(List.of("2.0.0", "1.0.0"), labels("q=" + marker));
        assertEquals("PROPOSED", api().get("/api/catalog/versions/" + second).getString("status"));
    }

    @Test
    void sortsPagesAndCountsInMemoryAsTheApiSays() {
        String marker = unique("sorted");
        long family = api().family(marker, "image-classification");
        long a = api().version(family, "b-small");
        long b = api().version(family, "A-large");
        long c = api().version(family, "c-tiny");
        api().metric(a, "top1", "70");
        api().metric(a, "top1", "76");   // best of a's top1 within the bounds
        api().metric(b, "top1", "88");   // TIER_3 by the default policy
        // c has no metric, so no tier

        assertEquals(List.of("A-large", "b-small", "c-tiny"), labels("q=" + marker + "&sort=label"), "case-insensitive");
        assertEquals(List.of("c-tiny", "b-small", "A-large"), labels("q=" + marker + "&sort=-label"));
        assertEquals(List.of("b-small", "A-large", "c-tiny"), labels("q=" + marker + "&sort=tier"), "no tier last");
        assertEquals(List.of("A-large", "b-small", "c-tiny"), labels("q=" + marker + "&sort=-tier"), "no tier last");
        assertEquals(List.of("A-large", "b-small"), labels("q=" + marker + "&metric=top1&sort=-metric"));
        assertEquals(List.of("b-small"), labels("q=" + marker + "&metric=top1&maxValue=75&sort=-metric"));
        assertEquals(List.of("b-small", "A-large"), labels("q=" + marker + "&metric=top1&minValue=72&sort=metric"));

        JsonObject page = api().get("/api/catalog/versions?q=" + marker + "&sort=id&size=2&page=1");
        assertEquals(3, page.getInt("total"));
        assertEquals(List.of("c-tiny"), labels(page));
        assertEquals(0, api().get("/api/catalog/versions?q=" + marker + "&size=2&page=7").getJsonArray("items").size());
    }

    /**
     * Transaction A takes an audit id and commits only after B (a later id) has been read by the
     * index: A's change must still show once it commits. Written with JDBC to hold A open.
     */
    @Test
    void aChangeCommittedAfterALaterOneIsNotMissed() throws SQLException {
        String marker = unique("late");
        long family = api().family(marker, "image-classification");
        long early = api().version(family, "early");
        long later = api().version(family, "later");
        assertEquals(List.of("later", "early"), labels("q=" + marker));

        try (Connection slow = dataSource.getConnection()) {
            assertEquals(expectedDatabaseProduct(), slow.getMetaData().getDatabaseProductName());
            slow.setAutoCommit(false);
            try (PreparedStatement label = slow.prepareStatement("UPDATE model_version SET label = 'early-renamed',"
                    + " version = version + 1 WHERE id = ?")) {
                label.setLong(1, early);
                assertEquals(1, label.executeUpdate());
            }
            try (PreparedStatement audit = slow.prepareStatement("INSERT INTO audit_entry (entity_type, entity_id,"
                    + " model_version_id, action, actor, occurred_at) VALUES ('version', ?, ?, 'UPDATED', 'test', ?)")) {
                audit.setString(1, Long.toString(early));
                audit.setLong(2, early);
                audit.setTimestamp(3, Timestamp.from(Instant.now()));
                assertEquals(1, audit.executeUpdate());
            }
            // a later change commits and is read while A is still open
            api().metric(later, "top1", "77");
            assertEquals(List.of("later"), labels("q=" + marker + "&metric=top1&minValue=70"));
            assertEquals(List.of("later", "early"), labels("q=" + marker), "A is not committed yet");
            slow.commit();
        }
        assertEquals(List.of("later", "early-renamed"), labels("q=" + marker));
        assertEquals("early-renamed", api().get("/api/catalog/versions/" + early).getString("label"));
    }

    /** A bulk load (more audit entries at once than the index reads as a tail) reloads everything. */
    @Test
    void aBulkChangeReloadsTheWholeIndex() throws SQLException {
        String marker = unique("bulk");
        long family = api().family(marker, "image-classification");
        long version = api().version(family, "1.0.0");
        assertEquals(List.of("1.0.0"), labels("q=" + marker));
        try (Connection bulk = dataSource.getConnection()) {
            bulk.setAutoCommit(false);
            try (PreparedStatement label = bulk.prepareStatement("UPDATE model_version SET label = 'bulk-renamed' WHERE id = ?")) {
                label.setLong(1, version);
                label.executeUpdate();
            }
            try (PreparedStatement audit = bulk.prepareStatement("INSERT INTO audit_entry (entity_type, entity_id,"
                    + " model_version_id, action, actor, occurred_at) VALUES ('version', ?, ?, 'SEEDED', 'test', ?)")) {
                for (int i = 0; i < 5_001; i++) {
                    audit.setString(1, Long.toString(version));
                    audit.setLong(2, version);
                    audit.setTimestamp(3, Timestamp.from(Instant.now()));
                    audit.addBatch();
                }
                audit.executeBatch();
            }
            bulk.commit();
        }
        assertEquals(List.of("bulk-renamed"), labels("q=" + marker));
    }

    /** A rolled-back transaction's audit id never appears; reads go on answering meanwhile. */
    @Test
    void aRolledBackChangeLeavesAGapThatDoesNotStopReads() throws SQLException {
        String marker = unique("rolled");
        long family = api().family(marker, "image-classification");
        long version = api().version(family, "1.0.0");
        try (Connection aborted = dataSource.getConnection()) {
            aborted.setAutoCommit(false);
            try (PreparedStatement audit = aborted.prepareStatement("INSERT INTO audit_entry (entity_type, entity_id,"
                    + " model_version_id, action, actor, occurred_at) VALUES ('version', ?, ?, 'UPDATED', 'test', ?)")) {
                audit.setString(1, Long.toString(version));
                audit.setLong(2, version);
                audit.setTimestamp(3, Timestamp.from(Instant.now()));
                audit.executeUpdate();
            }
            aborted.rollback();
        }
        api().metric(version, "top1", "79");
        assertEquals(List.of("1.0.0"), labels("q=" + marker + "&metric=top1&minValue=78"));
        api().metric(version, "top5", "94");
        assertEquals(List.of("1.0.0"), labels("q=" + marker + "&metric=top5&minValue=90"));
    }

    private List<String> labels(String query) {
        return labels(api().get("/api/catalog/versions?" + query));
    }

    private static List<String> labels(JsonObject page) {
        return page.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(v -> v.getString("label")).toList();
    }
}
