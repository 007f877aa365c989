package dev.inferplan.catalog.versions;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A search over model versions: filters (all optional, combined with AND), a sort key and a page.
 * {@code metric} with {@code minValue}/{@code maxValue} keeps versions having that metric within
 * the bounds (any dataset); {@code sort=metric} orders by that metric's best value.
 */
public record VersionQuery(Optional<String> task, Optional<String> tier, Optional<VersionStatus> status,
                           Optional<String> text, Optional<Long> familyId, Optional<String> metric,
                           Optional<BigDecimal> minValue, Optional<BigDecimal> maxValue, Sort sort, int page, int size) {

    /** Sort keys; a leading '-' in the request means descending. */
    public enum Key {
        ID("v.id"), CREATED_AT("v.created_at"), LABEL("v.label"), FAMILY("f.name"), TIER("v.tier"), STATUS("v.status"),
        METRIC(null);

        final String column;

        Key(String column) {
            this.column = column;
        }
    }

    public record Sort(Key key, boolean descending) {
    }
}
