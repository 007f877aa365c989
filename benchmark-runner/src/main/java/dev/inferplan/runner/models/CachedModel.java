package dev.inferplan.runner.models;

import java.net.URI;
import java.nio.file.Path;

/** A model file in the local cache, named by its sha256, verified when it was written. */
public record CachedModel(URI source, Path path, String sha256, long sizeBytes) {
}
