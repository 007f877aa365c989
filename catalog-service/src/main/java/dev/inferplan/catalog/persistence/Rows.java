package dev.inferplan.catalog.persistence;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/**
 * Plain JDBC on the connection EclipseLink holds for the current JTA transaction: inserts of rows
 * with identity keys (EclipseLink 4.0 cannot read back H2 2.x IDENTITY keys), and the read models
 * that must be one statement each. Only statements are closed here; the connection belongs to the
 * transaction.
 */
public final class Rows {

    private Rows() {
    }

    /** Inserts one row and answers its generated id. */
    public static long insert(Connection connection, String sql, Object... parameters) {
        try (PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(insert, parameters);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new IllegalStateException("no generated key for: " + sql);
                }
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    /** Runs an update and answers the rows it touched. */
    public static int update(Connection connection, String sql, Object... parameters) {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            bind(update, parameters);
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            switch (value) {
                case null -> statement.setNull(i + 1, Types.NULL);
                case Instant instant -> statement.setTimestamp(i + 1, Timestamp.from(instant));
                case BigDecimal decimal -> statement.setBigDecimal(i + 1, decimal);
                case Enum<?> constant -> statement.setString(i + 1, constant.name());
                default -> statement.setObject(i + 1, value);
            }
        }
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    public static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    public static Integer nullableInt(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    public static Double nullableDouble(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? null : value;
    }

    /**
     * A database failure on a data path; unique-key violations are told apart so that domain code
     * can name the field at fault instead of answering 500.
     */
    public static final class DataAccessException extends RuntimeException {
        public DataAccessException(SQLException cause) {
            super(cause.getMessage(), cause);
        }

        public boolean isUniqueViolation() {
            SQLException sql = (SQLException) getCause();
            // SQLState 23000 (MariaDB duplicate key, error 1062) / 23505 (H2 unique index).
            return "23505".equals(sql.getSQLState()) || sql.getErrorCode() == 1062;
        }
    }
}
