package dev.inferplan.runner.jobs;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import dev.inferplan.contracts.artifacts.ArtifactUriPolicy;
import dev.inferplan.platform.grpc.ServiceChannel;
import dev.inferplan.runner.RunnerVersion;
import dev.inferplan.runner.execution.OrtRuntime;
import dev.inferplan.runner.hardware.Hardware;
import dev.inferplan.runner.hardware.HardwareProbe;
import dev.inferplan.runner.hardware.ResourceSampler;
import dev.inferplan.runner.models.ModelCache;
import dev.inferplan.runner.scenarios.RunRules;
import dev.inferplan.runner.status.RunnerStatus;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Service mode: on start, registers this runner's pool with the catalog and leases its jobs. Off
 * when {@code runner.lease.enabled=false} or no {@code catalog.grpc.uri} is set; while the catalog
 * is unreachable (or does not serve the job queue yet) the runner keeps serving its REST API,
 * says why in readiness and status, and tries to register again every retry interval.
 */
@ApplicationScoped
public class LeasingService {

    private static final Logger LOG = Logger.getLogger(LeasingService.class.getName());
    /** The artifact rules' config keys (docs/security.md, "Model artifacts"). */
    static final String ARTIFACTS = "runner.artifacts";

    private final boolean enabled;
    private final Optional<URI> catalogUri;
    private final HardwareProbe probe;
    private final Path cacheDirectory;
    private final CatalogToken token;
    private final long timeoutMs;
    private final LeaseLoop.Timing timing;
    private final Duration retry;
    private final RunRules.Generator generator;
    private final RunnerStatus status;
    private final ArtifactUriPolicy artifactRules;
    private volatile LeaseLoop loop;
    private volatile Thread thread;
    private volatile ServiceChannel channel;

    @Inject
    public LeasingService(@ConfigProperty(name = "runner.lease.enabled", defaultValue = "true") boolean enabled,
                          @ConfigProperty(name = "catalog.grpc.uri") Optional<URI> catalogUri,
                          @ConfigProperty(name = "runner.pool.id") String pool,
                          @ConfigProperty(name = "runner.id") Optional<String> runnerId,
                          @ConfigProperty(name = "runner.model-cache.dir", defaultValue = "var/models") Path cacheDirectory,
                          @ConfigProperty(name = "runner.catalog.token") Optional<String> configuredToken,
                          @ConfigProperty(name = "runner.catalog.key-dir", defaultValue = "var/jwt") Path keyDirectory,
                          @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "inferplan-local") String issuer,
                          @ConfigProperty(name = "catalog.client.timeout-ms", defaultValue = "5000") long timeoutMs,
                          @ConfigProperty(name = "runner.lease.poll-interval-ms", defaultValue = "5000") long pollMs,
                          @ConfigProperty(name = "runner.lease.heartbeat-interval-ms", defaultValue = "10000") long heartbeatMs,
                          @ConfigProperty(name = "runner.lease.register-retry-ms", defaultValue = "30000") long retryMs,
                          @ConfigProperty(name = "runner.server.generator-spin-us", defaultValue = "200") long generatorSpinUs,
                          @ConfigProperty(name = "runner.server.generator-realtime-priority", defaultValue = "1")
                          int generatorRealtimePriority,
                          @ConfigProperty(name = ARTIFACTS + ".max-bytes", defaultValue = "2147483648") long maxArtifactBytes,
                          Config config,
                          HardwareProbe probe) {
        this.enabled = enabled;
        this.catalogUri = catalogUri;
        this.probe = probe;
        this.cacheDirectory = cacheDirectory;
        this.timeoutMs = timeoutMs;
        this.timing = new LeaseLoop.Timing(Duration.ofMillis(pollMs), Duration.ofMillis(heartbeatMs));
        this.retry = Duration.ofMillis(retryMs);
        this.generator = new RunRules.Generator(generatorSpinUs, generatorRealtimePriority);
        String id = runnerId.orElseGet(() -> pool + "@" + host() + ":" + ManagementFactory.getRuntimeMXBean().getPid());
        this.status = new RunnerStatus(pool, id);
        this.token = new CatalogToken(configuredToken, keyDirectory, issuer, "runner-" + pool, pool);
        this.artifactRules = ArtifactUriPolicy.configured(ARTIFACTS, key -> config.getOptionalValues(ARTIFACTS + "." + key,
                String.class).orElse(List.of()), maxArtifactBytes);
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!enabled || catalogUri.isEmpty()) {
            String why = !enabled ? "runner.lease.enabled=false" : "no catalog.grpc.uri configured";
            status.leasing(false, "off: " + why);
            LOG.info(() -> "job leasing is off (" + why + "); the CLI and REST API work without it");
            return;
        }
        thread = Thread.ofPlatform().name("lease-loop").daemon().start(this::lease);
    }

    private void lease() {
        URI uri = catalogUri.orElseThrow();
        channel = ServiceChannel.open(uri, token);
        GrpcJobQueue queue = new GrpcJobQueue(channel.channel(), uri, timeoutMs);
        Hardware hardware = probe.detect();
        String lastReason = null;
        try {
            while (true) {
                try {
                    queue.registerPool(hardware, RunnerVersion.get());
                    break;
                } catch (StatusRuntimeException e) {
                    String reason = reason(uri, e);
                    status.leasing(false, "off: " + reason + "; retrying every " + retry.toSeconds() + " s");
                    if (!reason.equals(lastReason)) {
                        LOG.warning("job leasing is off: " + reason + " (token: " + token.source() + "); retrying every "
                                + retry.toSeconds() + " s");
                        lastReason = reason;
                    }
                    Thread.sleep(retry.toMillis());
                }
            }
            status.leasing(true, "pool " + hardware.pool() + " registered with " + uri);
            LOG.info(() -> "pool " + hardware.pool() + " registered with the catalog at " + uri + "; leasing jobs");
            JobExecutor executor = new JobExecutor(new ModelCache(cacheDirectory, artifactRules), new OrtRuntime(), hardware,
                    RunnerVersion.get(), ResourceSampler.of(hardware, probe.nvidiaSmi()), generator);
            loop = new LeaseLoop(queue, executor, hardware, RunnerVersion.get(), status, timing);
            loop.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String reason(URI uri, StatusRuntimeException e) {
        Status s = e.getStatus();
        if (s.getCode() == Status.Code.UNIMPLEMENTED) {
            return "the catalog at " + uri + " does not serve BenchmarkJobService yet";
        }
        if (s.getCode() == Status.Code.UNAVAILABLE || s.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            return "the catalog at " + uri + " is unreachable (" + s.getCode() + ")";
        }
        return "the catalog at " + uri + " answered " + s.getCode() + (s.getDescription() == null ? "" : ": " + s.getDescription());
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    /** The one status this runner reports; {@code status}'s REST resource and readiness check inject it. */
    @Produces
    public RunnerStatus status() {
        return status;
    }

    @PreDestroy
    void stop() {
        LeaseLoop current = loop;
        if (current != null) {
            current.stop();
        }
        if (thread != null) {
            thread.interrupt();
        }
        if (channel != null) {
            channel.close();
        }
    }
}
