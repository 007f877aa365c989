package dev.inferplan.catalog.jobs;

import java.util.Optional;

/**
 * How a fidelity job compares a version's outputs with its parent's, by the family's task:
 * embeddings by cosine similarity, classifiers by top-1 agreement (the runner's OutputKind names).
 */
enum FidelityKind {
    EMBEDDING, CLASSIFIER;

    static Optional<FidelityKind> of(String task) {
        if (task == null) {
            return Optional.empty();
        }
        if (task.endsWith("-embedding") || task.equals("feature-extraction") || task.equals("sentence-similarity")) {
            return Optional.of(EMBEDDING);
        }
        if (task.endsWith("-classification")) {
            return Optional.of(CLASSIFIER);
        }
        return Optional.empty();
    }
}
