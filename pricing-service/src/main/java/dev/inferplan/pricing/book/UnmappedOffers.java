package dev.inferplan.pricing.book;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import dev.inferplan.contracts.accelerators.AcceleratorId;
import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;
import dev.inferplan.platform.persistence.SharedEntityManager;
import dev.inferplan.pricing.events.PriceBookEvents;
import dev.inferplan.pricing.book.PriceBookPublisher.Source;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

/**
 * Offers imported leniently under an accelerator name the vocabulary did not know
 * ({@code unmapped:<name>}), and their re-labelling once an admin maps the name: a new version of the
 * provider's book, a copy of the current one with the mapped offers under the accelerator's id.
 */
@ApplicationScoped
public class UnmappedOffers {

    private static final Logger LOGGER = Logger.getLogger(UnmappedOffers.class.getName());

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    private final ProviderLocks locks;
    private final PriceBookEvents events;
    private final Event<PriceBookPublished> published;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public UnmappedOffers(ProviderLocks locks, PriceBookEvents events, Event<PriceBookPublished> published) {
        this.locks = locks;
        this.events = events;
        this.published = published;
    }

    /** A version that re-labelled the unmapped offers of the one it superseded. */
    public record Relabelled(String provider, long versionId, long previousVersionId, long offersRelabelled) {
    }

    /** The providers whose current version holds offers imported with an unmapped accelerator. */
    @Transactional
    public List<String> providersWithUnmappedOffers() {
        Connection connection = entityManager.unwrap(Connection.class);
        try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT v.provider FROM price_book_version v"
                + " JOIN price_offer o ON o.version_id = v.id WHERE v.superseded_at IS NULL AND o.accelerator LIKE ?"
                + " ORDER BY v.provider")) {
            select.setString(1, AcceleratorId.UNMAPPED_PREFIX + "%");
            List<String> providers = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    providers.add(rows.getString(1));
                }
            }
            return providers;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot find unmapped offers: " + e.getMessage(), e);
        }
    }

    /**
     * A new version of the provider's book: a copy of the current one in which every offer imported under an
     * unmapped accelerator name that the vocabulary now resolves (by name, the offer's memory figure picking
     * a variant) carries the accelerator's id. Same source, so re-importing that source stays UNCHANGED.
     * Empty when no unmapped name resolves. Holds the provider's lock like an import.
     */
    @Transactional(rollbackOn = Exception.class)
    public java.util.Optional<Relabelled> relabel(String provider, AcceleratorVocabulary vocabulary, String by) {
        Connection connection = entityManager.unwrap(Connection.class);
        try {
            locks.hold(connection, provider);
            long current;
            String sha256;
            String format;
            try (PreparedStatement select = connection.prepareStatement("SELECT id, source_sha256, format FROM"
                    + " price_book_version WHERE provider = ? AND superseded_at IS NULL")) {
                select.setString(1, provider);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return java.util.Optional.empty();
                    }
                    current = row.getLong(1);
                    sha256 = row.getString(2);
                    format = row.getString(3);
                }
            }
            record Mapping(String unmapped, java.math.BigDecimal memoryGib, String id) {
            }
            List<Mapping> mappings = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT accelerator, accelerator_memory_gib"
                    + " FROM price_offer WHERE version_id = ? AND accelerator LIKE ?")) {
                select.setLong(1, current);
                select.setString(2, AcceleratorId.UNMAPPED_PREFIX + "%");
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        String unmapped = rows.getString(1);
                        java.math.BigDecimal memory = rows.getBigDecimal(2);
                        vocabulary.match(unmapped.substring(AcceleratorId.UNMAPPED_PREFIX.length()),
                                        memory == null ? java.util.OptionalDouble.empty()
                                                : java.util.OptionalDouble.of(memory.doubleValue()))
                                .ifPresent(match -> mappings.add(new Mapping(unmapped, memory,
                                        match.accelerator().id().id())));
                    }
                }
            }
            if (mappings.isEmpty()) {
                return java.util.Optional.empty();
            }
            Instant now = clock.instant();
            long versionId = PriceBookPublisher.insertVersion(connection, new Source(provider, format, "re-labelled: "
                    + String.join(", ", mappings.stream().map(m -> m.unmapped() + " -> " + m.id()).distinct().toList()),
                    sha256, by, true), now);
            StringBuilder accelerator = new StringBuilder("CASE");
            StringBuilder key = new StringBuilder("CASE");
            List<Object> parameters = new ArrayList<>();
            List<Object> keyParameters = new ArrayList<>();
            for (Mapping m : mappings) {
                String when = " WHEN accelerator = ? AND " + (m.memoryGib() == null ? "accelerator_memory_gib IS NULL"
                        : "accelerator_memory_gib = ?");
                accelerator.append(when).append(" THEN ?");
                parameters.add(m.unmapped());
                if (m.memoryGib() != null) {
                    parameters.add(m.memoryGib());
                }
                parameters.add(m.id());
                // an attachable offer's key names its accelerator: "|ATTACHABLE_ACCELERATOR|<accelerator>x<count>"
                key.append(when).append(" AND offer_kind = 'ATTACHABLE_ACCELERATOR' THEN REPLACE(offer_key, ?, ?)");
                keyParameters.add(m.unmapped());
                if (m.memoryGib() != null) {
                    keyParameters.add(m.memoryGib());
                }
                keyParameters.add("|ATTACHABLE_ACCELERATOR|" + m.unmapped() + "x");
                keyParameters.add("|ATTACHABLE_ACCELERATOR|" + m.id() + "x");
            }
            accelerator.append(" ELSE accelerator END");
            key.append(" ELSE offer_key END");
            String columns = "provider, region, zone, instance_type, offer_kind, %s, accelerator_count,"
                    + " accelerator_memory_gib, vcpus, memory_gib, cpu_architecture, purchase_option, hourly_usd,"
                    + " per_accelerator_hour_usd, per_vcpu_hour_usd, upfront_usd, source_price, source_currency, source_unit,"
                    + " source_line, price_unit, served_model, unit_price_usd, payment_option, effective_from, effective_to, %s";
            long offers;
            try (PreparedStatement copy = connection.prepareStatement("INSERT INTO price_offer (version_id, "
                    + String.format(columns, "accelerator", "offer_key") + ") SELECT ?, "
                    + String.format(columns, accelerator, key) + " FROM price_offer WHERE version_id = ? AND offer_kind <> ?"
                    + " ORDER BY id")) {
                int i = 1;
                copy.setLong(i++, versionId);
                for (Object p : parameters) {
                    copy.setObject(i++, p);
                }
                for (Object p : keyParameters) {
                    copy.setObject(i++, p);
                }
                copy.setLong(i++, current);
                copy.setString(i, dev.inferplan.pricing.pricelists.OfferKind.CONFIGURATION.name());
                offers = copy.executeUpdate();
            }
            // Configurations are assembled again from the re-labelled parts, not copied: a part that now
            // has a known accelerator may fit hosts it did not fit as unmapped:<name> (a T4 on N1 hosts).
            offers += DeployableConfigurations.assemble(connection, versionId, provider);
            long relabelled;
            try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM price_offer WHERE"
                    + " version_id = ? AND accelerator LIKE ? AND offer_kind <> 'CONFIGURATION'")) {
                count.setLong(1, current);
                count.setString(2, AcceleratorId.UNMAPPED_PREFIX + "%");
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    long before = row.getLong(1);
                    count.setLong(1, versionId);
                    try (ResultSet after = count.executeQuery()) {
                        after.next();
                        relabelled = before - after.getLong(1);
                    }
                }
            }
            PriceBookPublisher.finishVersion(connection, provider, versionId, offers, now);
            events.append(connection, provider, versionId, current, now, by);
            published.fire(new PriceBookPublished(provider, versionId, current));
            LOGGER.info(() -> String.format("version %d (%s): %d offers re-labelled from version %d", versionId, provider,
                    relabelled, current));
            return java.util.Optional.of(new Relabelled(provider, versionId, current, relabelled));
        } catch (SQLException e) {
            throw new IllegalStateException("re-labelling failed: " + e.getMessage(), e);
        }
    }

}
