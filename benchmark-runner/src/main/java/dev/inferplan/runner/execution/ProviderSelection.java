package dev.inferplan.runner.execution;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.inferplan.runner.BenchmarkFailure;
import dev.inferplan.runner.BenchmarkFailure.Kind;

/**
 * Chooses the execution provider for a job. Without fallback only the first requested provider
 * is tried; with fallback the requested ones in the job's order, then the rest of the chain below
 * them (TensorRT → CUDA → CPU). A provider missing from the ONNX Runtime build, or whose library
 * or device refuses to load, is skipped with its reason; none left is a clear failure, never a crash.
 */
public final class ProviderSelection {

    /** Appends one provider to the session being configured; throws with the runtime's reason if it cannot. */
    @FunctionalInterface
    public interface Installer {
        void install(ExecutionProvider provider) throws Exception;
    }

    private ProviderSelection() {
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
            if (provider == ExecutionProvider.CPU) {
                // the CPU provider is built into every ONNX Runtime and needs no registration
                attempts.add(new ProviderDecision.Attempt(provider, true, "used"));
                return new ProviderDecision(asked, allowFallback, provider, attempts);
            }
            if (!inBuild.contains(provider)) {
                attempts.add(new ProviderDecision.Attempt(provider, false, "not in this ONNX Runtime build"));
                continue;
            }
            try {
                installer.install(provider);
                attempts.add(new ProviderDecision.Attempt(provider, true, "used"));
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
