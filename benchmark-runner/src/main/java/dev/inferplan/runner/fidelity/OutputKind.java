package dev.inferplan.runner.fidelity;

import java.util.Locale;

/** How a model's outputs are compared with its parent's: embeddings by cosine, classifiers by top-1. */
public enum OutputKind {
    /** Token embeddings (mean-pooled over the attention mask) or a pooled vector: cosine similarity. */
    EMBEDDING,
    /** Scores per class: does the top class agree (and the cosine of the scores). */
    CLASSIFIER;

    public static OutputKind parse(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }
}
