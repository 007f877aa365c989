package dev.inferplan.runner.execution;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import ai.onnxruntime.providers.OrtTensorRTProviderOptions;
import dev.inferplan.contracts.benchmarks.ExecutionProvider;
import dev.inferplan.runner.models.CachedModel;

/**
 * The process's ONNX Runtime: one environment, its version, the providers compiled into it, and
 * the providers that refused to load here (a missing CUDA library does not appear later, and
 * trying again would extract the 580 MB CUDA provider once more).
 */
public final class OrtRuntime {

    private final OrtEnvironment environment;
    private final Set<ExecutionProvider> inBuild;
    private final Map<ExecutionProvider, String> refused = new ConcurrentHashMap<>();

    public OrtRuntime() {
        this.environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "inferplan-runner");
        Set<ExecutionProvider> providers = EnumSet.of(ExecutionProvider.CPU);
        for (OrtProvider provider : OrtEnvironment.getAvailableProviders()) {
            switch (provider) {
                case CUDA -> providers.add(ExecutionProvider.CUDA);
                case TENSOR_RT -> providers.add(ExecutionProvider.TENSORRT);
                default -> { }
            }
        }
        this.inBuild = Set.copyOf(providers);
    }

    public OrtEnvironment environment() {
        return environment;
    }

    public String version() {
        return environment.getVersion();
    }

    public Set<ExecutionProvider> providersInBuild() {
        return inBuild;
    }

    /**
     * Opens a session on the chosen provider; session creation is timed on its own
     * ({@code onnxruntime_perf_test} reports it apart from steady state). Each provider tried gets
     * session options of its own, so a refused one leaves nothing behind for the next.
     */
    public ModelSession open(CachedModel model, SessionSettings settings, List<ExecutionProvider> requested,
                             boolean allowFallback) {
        return open(model, settings, requested, allowFallback, ProviderOptions.DEFAULT);
    }

    public ModelSession open(CachedModel model, SessionSettings settings, List<ExecutionProvider> requested,
                             boolean allowFallback, ProviderOptions providerOptions) {
        OrtSession.SessionOptions[] chosen = new OrtSession.SessionOptions[1];
        try {
            ProviderDecision decision = ProviderSelection.decide(requested, allowFallback, inBuild, chain -> {
                OrtSession.SessionOptions options = configured(settings);
                try {
                    for (ExecutionProvider provider : chain) {
                        install(options, provider, providerOptions);
                    }
                } catch (OrtException | RuntimeException e) {
                    options.close();
                    throw e;
                }
                chosen[0] = options;
            });
            if (chosen[0] == null) {
                chosen[0] = configured(settings);
            }
            long start = System.nanoTime();
            OrtSession session = environment.createSession(model.path().toString(), chosen[0]);
            double createMs = (System.nanoTime() - start) / 1e6;
            return new ModelSession(this, model, session, decision, settings, createMs);
        } catch (OrtException | OutOfMemoryError e) {
            throw OrtFailures.classify("cannot open " + model.source() + " as an ONNX model", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad session option: " + e.getMessage(), e);
        } finally {
            if (chosen[0] != null) {
                chosen[0].close();
            }
        }
    }

    private static OrtSession.SessionOptions configured(SessionSettings settings) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setIntraOpNumThreads(settings.intraOpThreads());
            options.setInterOpNumThreads(settings.interOpThreads());
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.valueOf(settings.optimizationLevel()));
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.valueOf(settings.executionMode()));
            options.addConfigEntry("session.intra_op.allow_spinning", settings.allowSpinning() ? "1" : "0");
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    private void install(OrtSession.SessionOptions options, ExecutionProvider provider, ProviderOptions settings)
            throws OrtException {
        String earlier = refused.get(provider);
        if (earlier != null) {
            throw new OrtException(earlier + " (earlier in this process)");
        }
        try {
            switch (provider) {
                case TENSORRT -> {
                    try (OrtTensorRTProviderOptions trt = new OrtTensorRTProviderOptions(settings.cudaDeviceId())) {
                        for (var option : settings.tensorrt().entrySet()) {
                            trt.add(option.getKey(), option.getValue());
                        }
                        options.addTensorrt(trt);
                    }
                }
                case CUDA -> {
                    try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(settings.cudaDeviceId())) {
                        for (var option : settings.cuda().entrySet()) {
                            cuda.add(option.getKey(), option.getValue());
                        }
                        options.addCUDA(cuda);
                    }
                }
                case CPU -> { }
            }
        } catch (OrtException e) {
            refused.put(provider, e.getMessage());
            throw e;
        }
    }
}
