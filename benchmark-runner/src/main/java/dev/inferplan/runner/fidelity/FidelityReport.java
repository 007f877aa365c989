package dev.inferplan.runner.fidelity;

/**
 * How closely a derived model's outputs follow its parent's on the same fixed inputs. Cosine
 * similarities are per input (embeddings mean-pooled over the attention mask); {@code p5Cosine} is
 * the 5th percentile (nearest rank) over the inputs; {@code top1Agreement} the share of inputs whose
 * top class agrees (classifiers; null for embeddings).
 */
public record FidelityReport(OutputKind outputKind, int inputs, String inputsDescription, double meanCosine,
                             double p5Cosine, double minCosine, Double top1Agreement, String referenceSha256,
                             String outputName) {
}
