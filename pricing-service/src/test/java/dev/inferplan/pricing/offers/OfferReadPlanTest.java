package dev.inferplan.pricing.offers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Set;

import dev.inferplan.pricing.pricelists.OfferKind;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The offer reads' plans on H2 (the embedded default), on the real schema with four versions of 5,000 offers:
 * a page and a stream chunk read their index in order and stop, never sort the version. With the ORDER BY
 * not led by {@code version_id}, H2 sorted all of a version's offers per page and per chunk (a whole-book
 * stream of 185k offers took 77 s instead of a few).
 */
class OfferReadPlanTest {

    private static final String URL = "jdbc:h2:mem:offer-plans;MODE=MariaDB;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    private static Connection connection;

    @BeforeAll
    static void schema() throws SQLException {
        Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").load().migrate();
        connection = DriverManager.getConnection(URL, "sa", "");
        try (Statement s = connection.createStatement()) {
            for (String provider : new String[] {"aws", "gcp", "azure", "vast"}) {
                s.execute("INSERT INTO price_book_version (provider, created_at, format, source_name, source_sha256,"
                        + " offer_count, imported_by) VALUES ('" + provider + "', CURRENT_TIMESTAMP, 'skypilot', 'plan.csv', '"
                        + "0".repeat(64) + "', 5000, 'test')");
            }
            s.execute("INSERT INTO price_offer (version_id, provider, region, zone, instance_type, offer_kind,"
                    + " accelerator, accelerator_count, vcpus, memory_gib, purchase_option, hourly_usd,"
                    + " per_accelerator_hour_usd, per_vcpu_hour_usd, source_price, source_currency, source_unit,"
                    + " source_line, offer_key)"
                    + " SELECT 1 + MOD(x, 4), 'gcp', 'r' || MOD(x, 40), '', 't' || x, 'INSTANCE', CASE WHEN MOD(x, 7) = 0 THEN 'L4'"
                    + " END, CASE WHEN MOD(x, 7) = 0 THEN 1 ELSE 0 END, 4, 16, 'ON_DEMAND', MOD(x * 37, 1000) / 10.0,"
                    + " CASE WHEN MOD(x, 7) = 0 THEN MOD(x * 37, 1000) / 10.0 END, MOD(x * 37, 1000) / 40.0,"
                    + " MOD(x * 37, 1000) / 10.0, 'USD', 'hour', x, 'k' || x FROM (SELECT \"X\" AS x FROM SYSTEM_RANGE(1, 20000)) r");
            s.execute("ANALYZE");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @ParameterizedTest
    @EnumSource(OfferRepository.Sort.class)
    void aPageReadsItsSortIndexInOrder(OfferRepository.Sort sort) throws SQLException {
        assertIndexSorted(OfferRepository.pageQuery(1, OfferFilter.ANY, sort, Optional.empty(), 101));
        assertIndexSorted(OfferRepository.pageQuery(1, OfferFilter.ANY, sort,
                Optional.of(new OfferRepository.Cursor(new BigDecimal("12.5"), 400)), 101));
    }

    @Test
    void aStreamChunkReadsTheVersionIdIndexInOrder() throws SQLException {
        assertIndexSorted(OfferRepository.chunkQuery(1, OfferFilter.ANY, 0));
        OfferFilter kinds = new OfferFilter(Set.of("gcp"), Set.of(), Set.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Set.of(), Optional.empty(), Optional.empty(),
                Set.of(OfferKind.values()), java.util.List.of());
        assertIndexSorted(OfferRepository.chunkQuery(1, kinds, 5_000));
    }

    private static void assertIndexSorted(OfferRepository.Where query) throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + query.sql())) {
            query.bind(explain);
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                String text = plan.getString(1);
                assertTrue(text.contains("/* index sorted */"), "sorts instead of reading an index in order:\n" + text);
            }
        }
    }
}
