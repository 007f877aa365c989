package dev.inferplan.recommender.snapshots;

import java.time.Instant;
import java.util.List;

/** What the catalog said at one audit position: its tasks, every model version, and their benchmark evidence. */
public record CatalogSnapshot(long position, List<String> tasks, List<ModelVersion> versions, List<Evidence> evidence,
                              Instant loadedAt) {

    public CatalogSnapshot {
        tasks = List.copyOf(tasks);
        versions = List.copyOf(versions);
        evidence = List.copyOf(evidence);
    }
}
