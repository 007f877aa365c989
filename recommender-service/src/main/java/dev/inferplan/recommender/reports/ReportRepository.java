package dev.inferplan.recommender.reports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Saved reports in the recommender's own database (one table, migrated by Flyway). Plain JDBC: one
 * insert and one read by id, nothing a persistence context would add (ADR 0011).
 */
@ApplicationScoped
public class ReportRepository {

    private final DataSource dataSource;

    @Inject
    public ReportRepository(@Named("recommender") DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores the report in one statement (all or nothing) and answers its id. */
    public long add(Report report) {
        String sql = "INSERT INTO recommendation_report (created_by, created_at, task, catalog_position, "
                + "price_book_versions, evidence_ids, request_json, answer_json, inputs_json) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, report.createdBy());
            insert.setTimestamp(2, Timestamp.from(report.createdAt()));
            insert.setString(3, report.task());
            insert.setLong(4, report.catalogPosition());
            insert.setString(5, joined(report.priceBookVersions()));
            insert.setString(6, joined(report.evidenceIds()));
            insert.setString(7, report.requestJson());
            insert.setString(8, report.answerJson());
            insert.setString(9, report.inputsJson());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new IllegalStateException("no id generated for a report");
                }
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the report", e);
        }
    }

    public Optional<Report> byId(long id) {
        String sql = "SELECT id, created_by, created_at, task, catalog_position, price_book_versions, evidence_ids, "
                + "request_json, answer_json, inputs_json FROM recommendation_report WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Report(row.getLong(1), row.getString(2), row.getTimestamp(3).toInstant(),
                        row.getString(4), row.getLong(5), ids(row.getString(6)), ids(row.getString(7)),
                        row.getString(8), row.getString(9), row.getString(10)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read report " + id, e);
        }
    }

    private static String joined(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static List<Long> ids(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.stream(joined.split(",")).map(Long::valueOf).toList();
    }
}
