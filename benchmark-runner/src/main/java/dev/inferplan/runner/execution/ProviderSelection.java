package dev.inferplan.runner.execution;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.inferplan.contracts.benchmarks.ExecutionProvider;
import dev.inferplan.runner.BenchmarkFailure;
import dev.inferplan.runner.BenchmarkFailure.Kind;

/**
 * Chooses the execution provider for a job. Without fallback only the first requested provider
 * is tried; with fallback the requested ones in the job's order, then the rest of the chain below
 * them (TensorRT → CUDA → CPU, ONNX Runtime's own order). TensorRT is registered only with CUDA
 * behind it (ONNX Runtime hands TensorRT's unsupported nodes to the next provider registered; with
 * CPU there, they would silently run on the CPU): both, in that order, or TensorRT is refused. A
 * provider missing from the ONNX Runtime build, or whose library or device refuses to load, is
 * skipped with its reason; none left is a clear failure, never a crash.
 */
public final class ProviderSelection {

    /**
     * Registers providers, in the order given, on a session being configured afresh; throws with the
     * runtime's reason if one cannot be (then nothing of that attempt is kept).
     */
    @FunctionalInterface
    public interface Installer {
        void install(List<ExecutionProvider> chain) throws Exception;
    }

    private ProviderSelection() {
    }

    /** What registering a provider takes: TensorRT with CUDA behind it, CUDA alone, CPU nothing (built in). */
    public static List<ExecutionProvider> chain(ExecutionProvider provider) {
        return switch (provider) {
            case TENSORRT -> List.of(ExecutionProvider.TENSORRT, ExecutionProvider.CUDA);
            case CUDA -> List.of(ExecutionProvider.CUDA);
            case CPU -> List.of();
        };
    }

    public static ProviderDecision decide(List<ExecutionProvider> requested, boolean allowFallback,
                                          Set<ExecutionProvider> inBuild, Installer installer) {
        List<ExecutionProvider> asked = requested.isEmpty() ? List.of(ExecutionProvider.CPU) : List.copyOf(requested);
        Set<ExecutionProvider> candidates = new LinkedHashSet<>();
        if (allowFallback) {
            candidates.addAll(asked);
            ExecutionProvider first = asked.get(0);
            for (ExecutionProvider p : ExecutionProvider.values()) {
                if (p.ordinal() > first.ordinal()) {
                    candidates.add(p);
                }
            }
        } else {
            candidates.add(asked.get(0));
        }
        List<ProviderDecision.Attempt> attempts = new ArrayList<>();
        for (ExecutionProvider provider : candidates) {
            List<ExecutionProvider> chain = chain(provider);
            if (chain.isEmpty()) {
                // the CPU provider is built into every ONNX Runtime and needs no registration
                attempts.add(new ProviderDecision.Attempt(provider, true, "used"));
                return new ProviderDecision(asked, allowFallback, provider, attempts);
            }
            List<ExecutionProvider> missing = chain.stream().filter(p -> !inBuild.contains(p)).toList();
            if (!missing.isEmpty()) {
                attempts.add(new ProviderDecision.Attempt(provider, false, missing.equals(List.of(provider))
                        ? "not in this ONNX Runtime build"
                        : "needs " + missing + " behind it, not in this ONNX Runtime build"));
                continue;
            }
            try {
                installer.install(chain);
                attempts.add(new ProviderDecision.Attempt(provider, true, chain.size() > 1
                        ? "used, with " + chain.subList(1, chain.size()) + " behind it" : "used"));
                return new ProviderDecision(asked, allowFallback, provider, attempts);
            } catch (Exception e) {
                attempts.add(new ProviderDecision.Attempt(provider, false, "refused: " + e.getMessage()));
            }
        }
        StringBuilder reason = new StringBuilder("requested ").append(asked)
                .append(allowFallback ? "" : " without fallback").append(": ");
        attempts.forEach(a -> reason.append(a.provider()).append(' ').append(a.outcome()).append("; "));
        reason.setLength(reason.length() - 2);
        throw new BenchmarkFailure(Kind.PROVIDER_REFUSED, reason.toString());
    }
}
