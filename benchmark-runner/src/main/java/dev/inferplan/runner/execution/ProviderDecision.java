package dev.inferplan.runner.execution;

import java.util.List;
import java.util.stream.Collectors;

import dev.inferplan.contracts.benchmarks.ExecutionProvider;

/**
 * Which execution provider ran and why: what the job requested, whether it allowed falling back,
 * and every provider tried with its outcome. Recorded with every result.
 */
public record ProviderDecision(List<ExecutionProvider> requested, boolean allowFallback,
                               ExecutionProvider ran, List<Attempt> attempts) {

    public ProviderDecision {
        requested = List.copyOf(requested);
        attempts = List.copyOf(attempts);
    }

    /** One provider tried: {@code outcome} is "used" or why it was not. */
    public record Attempt(ExecutionProvider provider, boolean used, String outcome) {
    }

    public boolean fellBack() {
        return !requested.isEmpty() && ran != requested.get(0);
    }

    /** E.g. {@code CPU (requested CUDA; CUDA: not available: libcublasLt.so.12 missing; fell back)}. */
    public String describe() {
        String tried = attempts.stream()
                .filter(a -> !a.used())
                .map(a -> a.provider() + ": " + a.outcome())
                .collect(Collectors.joining("; "));
        return ran + " (requested " + requested + (tried.isEmpty() ? "" : "; " + tried)
                + (fellBack() ? "; fell back" : "") + ")";
    }
}
