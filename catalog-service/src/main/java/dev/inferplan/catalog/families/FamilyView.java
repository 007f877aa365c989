package dev.inferplan.catalog.families;

import java.time.Instant;

/** A family as the API shows it; {@code revision} is what an update must quote. */
public record FamilyView(long id, String name, String task, String owner, String description, String license,
                         Instant createdAt, String createdBy, Instant updatedAt, long revision) {

    public static FamilyView of(ModelFamily family) {
        return new FamilyView(family.id(), family.name(), family.task(), family.owner(), family.description(),
                family.license(), family.createdAt(), family.createdBy(), family.updatedAt(), family.revision());
    }
}
