package dev.inferplan.catalog.versions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

import dev.inferplan.catalog.audit.AuditLog;
import dev.inferplan.catalog.persistence.Rows;
import dev.inferplan.platform.tracing.WorkSpan;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every model version with its metrics, in memory, for search, GET of one version and the
 * recommender's stream. A catalog is small (10,000 versions and 100,000 metrics take tens of MB)
 * and read far more than written, while the searches combine any filter with any sort: no set of
 * indexes makes all of them cheap in SQL (docs/benchmarks.md has the SQL figures).
 *
 * <p>It stays current through the audit log, which every change to a family, version, metric, tier
 * or review appends to in the change's own transaction: each read first asks the database for the
 * entries after the last one applied (one statement, usually answering nothing) and reloads the
 * versions they name. A read therefore sees every change committed before it started, whichever
 * catalog instance made it.
 *
 * <p>Audit ids are allocated at insert and committed in any order, so an id below the newest one
 * seen may still belong to a transaction in flight (or to one rolled back: such ids never appear).
 * Those gaps are asked for again on every read until they appear or are older than
 * {@code catalog.version-index.gap-timeout} (longer than any transaction runs).
 */
@ApplicationScoped
public class VersionIndex {

    private static final Logger LOGGER = Logger.getLogger(VersionIndex.class.getName());

    /** More new audit entries than this at once (a seed, a bulk import): reload everything instead. */
    private static final int MAX_TAIL = 5_000;
    /** Gaps kept at most; the oldest are given up first. */
    private static final int MAX_GAPS = 1_000;

    private final DataSource dataSource;
    private final long gapTimeoutNanos;
    private final LongSupplier nanoTime;
    private final ReentrantLock refreshing = new ReentrantLock();
    private final Jsonb jsonb = JsonbBuilder.create();
    private volatile State state;

    @Inject
    public VersionIndex(@Named("catalog") DataSource dataSource,
                        @ConfigProperty(name = "catalog.version-index.gap-timeout", defaultValue = "PT10M")
                        Duration gapTimeout) {
        this(dataSource, gapTimeout, System::nanoTime);
    }

    VersionIndex(DataSource dataSource, Duration gapTimeout, LongSupplier nanoTime) {
        this.dataSource = dataSource;
        this.gapTimeoutNanos = gapTimeout.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The CDI proxy's constructor. */
    protected VersionIndex() {
        this.dataSource = null;
        this.gapTimeoutNanos = 0;
        this.nanoTime = null;
    }

    public record Page(List<VersionView> items, int page, int size, long total) {
    }

    /** True once the first load has finished (readiness). */
    public boolean loaded() {
        return state != null;
    }

    public Page search(VersionQuery query) {
        Found found = page(query);
        return new Page(found.items().stream().map(IndexedVersion::view).toList(), query.page(), query.size(),
                found.total());
    }

    /**
     * The page as JSON, written as JSON-B writes a {@link Page} (properties in alphabetical order),
     * from each version's memoized JSON: serializing 20 versions with their metrics was most of a
     * search's CPU.
     */
    public String searchJson(VersionQuery query) {
        Found found = page(query);
        return pageJson(found.items(), query.page(), query.size(), found.total(), jsonb);
    }

    /** The query's page of versions, and how many match in all. */
    private record Found(List<IndexedVersion> items, int total) {
    }

    private Found page(VersionQuery query) {
        VersionColumns columns = current().columns();
        int[] matches = columns.search(query);
        List<IndexedVersion> items = new ArrayList<>();
        long from = (long) query.page() * query.size();
        for (long k = from; k < Math.min(matches.length, from + query.size()); k++) {
            items.add(columns.at(matches[(int) k]));
        }
        return new Found(items, matches.length);
    }

    static String pageJson(List<IndexedVersion> items, int page, int size, long total, Jsonb jsonb) {
        StringBuilder json = new StringBuilder(16_384).append("{\"items\":[");
        for (int i = 0; i < items.size(); i++) {
            json.append(i == 0 ? "" : ",").append(items.get(i).json(jsonb));
        }
        return json.append("],\"page\":").append(page).append(",\"size\":").append(size)
                .append(",\"total\":").append(total).append('}').toString();
    }

    public Optional<VersionView> find(long id) {
        return Optional.ofNullable(current().byKey.get(id)).map(IndexedVersion::view);
    }

    /** The version as JSON (memoized, as JSON-B writes it). */
    public Optional<String> findJson(long id) {
        return Optional.ofNullable(current().byKey.get(id)).map(v -> v.json(jsonb));
    }

    /**
     * Every version in the statuses and tasks (empty: any), in id order, to the consumer, each with
     * its encoding for the wire ({@code encoder} runs once per version state, not once per call).
     */
    public <T> void forEach(Collection<VersionStatus> statuses, Collection<String> tasks, Class<T> encoding,
                            Function<VersionView, T> encoder, Consumer<T> consumer) {
        Set<String> statusNames = new HashSet<>();
        statuses.forEach(s -> statusNames.add(s.name()));
        Set<String> taskNames = Set.copyOf(tasks);
        VersionColumns columns = current().columns();
        for (int position = 0; position < columns.size(); position++) {
            IndexedVersion version = columns.at(position);
            if ((statusNames.isEmpty() || statusNames.contains(version.view().status()))
                    && (taskNames.isEmpty() || taskNames.contains(version.view().task()))) {
                consumer.accept(version.encoded(encoding, encoder));
            }
        }
    }

    /** Loads the index now if it has not been yet (the service warms it at start). */
    public void warm() {
        current();
    }

    // ---- staying current ---------------------------------------------------------------------

    /** What the audit log says changed, and where the index is in it. */
    private record State(VersionColumns columns, Map<Long, IndexedVersion> byKey, long lastAuditId,
                         Map<Long, Long> gaps) {
    }

    private record AuditTail(List<Change> changes, boolean overflow) {
    }

    private record Change(long auditId, String entityType, String entityId, Long modelVersionId) {
    }

    private State current() {
        State seen = state;
        try (Connection connection = dataSource.getConnection()) {
            if (seen != null) {
                AuditTail tail = tail(connection, seen);
                if (tail.changes().isEmpty() && !tail.overflow() && !gapsExpired(seen)) {
                    return seen;
                }
            }
            refreshing.lock();
            try (WorkSpan span = WorkSpan.start("catalog.version-index.refresh")) {
                // Another reader may have applied the same entries meanwhile: read the tail again.
                State latest = state;
                State next = latest == null ? fullLoad(connection) : apply(connection, latest, tail(connection, latest));
                span.attribute("full", latest == null).attribute("versions", next.byKey().size())
                        .attribute("audit.position", next.lastAuditId());
                state = next;
                return next;
            } finally {
                refreshing.unlock();
            }
        } catch (SQLException e) {
            throw new Rows.DataAccessException(e);
        }
    }

    private boolean gapsExpired(State state) {
        long now = nanoTime.getAsLong();
        return state.gaps().values().stream().anyMatch(since -> now - since > gapTimeoutNanos);
    }

    private AuditTail tail(Connection connection, State state) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, entity_type, entity_id, model_version_id FROM audit_entry"
                + " WHERE id > ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(state.lastAuditId());
        if (!state.gaps().isEmpty()) {
            sql.append(" OR id IN (").append(VersionReadModel.placeholders(state.gaps().size())).append(')');
            parameters.addAll(state.gaps().keySet());
        }
        sql.append(" ORDER BY id LIMIT ").append(MAX_TAIL + 1);
        List<Change> changes = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            Rows.bind(select, parameters.toArray());
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    changes.add(new Change(row.getLong(1), row.getString(2), row.getString(3),
                            Rows.nullableLong(row, "model_version_id")));
                }
            }
        }
        boolean overflow = changes.size() > MAX_TAIL;
        return new AuditTail(overflow ? List.of() : changes, overflow);
    }

    private State apply(Connection connection, State latest, AuditTail tail) throws SQLException {
        if (tail.overflow()) {
            return fullLoad(connection);
        }
        long now = nanoTime.getAsLong();
        Map<Long, Long> gaps = new LinkedHashMap<>(latest.gaps());
        gaps.values().removeIf(since -> now - since > gapTimeoutNanos);
        long lastAuditId = latest.lastAuditId();
        Set<Long> versionIds = new HashSet<>();
        Set<Long> familyIds = new HashSet<>();
        for (Change change : tail.changes()) {
            gaps.remove(change.auditId());
            // ids skipped on the way up may be transactions still in flight: ask for them again
            for (long missing = lastAuditId + 1; missing < change.auditId(); missing++) {
                gaps.put(missing, now);
            }
            lastAuditId = Math.max(lastAuditId, change.auditId());
            if (AuditLog.FAMILY.equals(change.entityType())) {
                // a family's changes show in its versions' family name and free text
                familyIds.add(Long.parseLong(change.entityId()));
            } else if (change.modelVersionId() != null) {
                versionIds.add(change.modelVersionId());
            }
        }
        while (gaps.size() > MAX_GAPS) {
            gaps.remove(gaps.keySet().iterator().next());
        }
        if (versionIds.isEmpty() && familyIds.isEmpty()) {
            return new State(latest.columns(), latest.byKey(), lastAuditId, Map.copyOf(gaps));
        }
        Map<Long, IndexedVersion> byKey = new HashMap<>(latest.byKey());
        // Reloaded (not patched): what a version looks like is the database's answer, whatever changed.
        versionIds.forEach(byKey::remove);
        byKey.values().removeIf(v -> familyIds.contains(v.view().familyId()));
        VersionReadModel.indexed(connection, versionIds, familyIds).forEach(v -> byKey.put(v.view().id(), v));
        return state(byKey, lastAuditId, gaps);
    }

    private State fullLoad(Connection connection) throws SQLException {
        long start = System.nanoTime();
        long lastAuditId;
        try (PreparedStatement select = connection.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM audit_entry");
             ResultSet row = select.executeQuery()) {
            row.next();
            lastAuditId = row.getLong(1);
        }
        // Read after the audit position: a change committed in between is read twice, never missed.
        Map<Long, IndexedVersion> byKey = new HashMap<>();
        VersionReadModel.indexed(connection, null, null).forEach(v -> byKey.put(v.view().id(), v));
        // The latest ids below the position that are not there yet may be transactions in flight.
        Map<Long, Long> gaps = new LinkedHashMap<>();
        long now = nanoTime.getAsLong();
        Set<Long> present = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM audit_entry WHERE id > ?")) {
            select.setLong(1, lastAuditId - MAX_GAPS);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    present.add(row.getLong(1));
                }
            }
        }
        for (long id = Math.max(1, lastAuditId - MAX_GAPS + 1); id <= lastAuditId; id++) {
            if (!present.contains(id)) {
                gaps.put(id, now);
            }
        }
        State loaded = state(byKey, lastAuditId, gaps);
        LOGGER.info(() -> "version index: " + byKey.size() + " versions loaded in "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
        return loaded;
    }

    private static State state(Map<Long, IndexedVersion> byKey, long lastAuditId, Map<Long, Long> gaps) {
        IndexedVersion[] byId = byKey.values().toArray(IndexedVersion[]::new);
        Arrays.sort(byId, Comparator.comparingLong(v -> v.view().id()));
        // byKey is this state's own map (a fresh copy in apply, new in fullLoad): wrapped, not copied again
        return new State(new VersionColumns(byId), Collections.unmodifiableMap(byKey), lastAuditId, Map.copyOf(gaps));
    }
}
