package dev.inferplan.catalog.costs;

import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.inferplan.contracts.grpc.recommender.GetReportRequest;
import dev.inferplan.contracts.grpc.recommender.RecommendationReport;
import dev.inferplan.contracts.grpc.recommender.RecommenderServiceGrpc;
import dev.inferplan.platform.grpc.BearerTokenCallCredentials;
import dev.inferplan.platform.grpc.ServiceChannel;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The catalog's one client of recommender-service (gRPC): reads a saved report for a report-backed
 * cost estimate, with the caller's token (the recommender authorizes the user, not the catalog).
 * A deadline per call ({@code recommender.client.timeout-ms}); Fault Tolerance retries a call the
 * recommender did not answer and bounds the whole, retries included (values overridable in config
 * as {@code dev.inferplan.catalog.costs.RecommenderClient/report/Retry/maxRetries} and
 * {@code .../Timeout/value}). A report the recommender does not know is an answer: never retried.
 */
@ApplicationScoped
public class RecommenderClient {

    private final Optional<URI> uri;
    private final long timeoutMs;
    private final ServiceChannel channel;
    private final RecommenderServiceGrpc.RecommenderServiceBlockingStub stub;

    @Inject
    public RecommenderClient(@ConfigProperty(name = "recommender.grpc.uri") Optional<URI> uri,
                             @ConfigProperty(name = "recommender.client.timeout-ms", defaultValue = "3000") long timeoutMs) {
        this.uri = uri;
        this.timeoutMs = timeoutMs;
        // The token is put on each call (below): a Fault Tolerance retry may run outside the request's context.
        this.channel = uri.map(u -> ServiceChannel.open(u, () -> null)).orElse(null);
        this.stub = channel == null ? null : RecommenderServiceGrpc.newBlockingStub(channel.channel());
    }

    @PreDestroy
    void close() {
        if (channel != null) {
            channel.close();
        }
    }

    /** The recommender could not be asked: not configured, down, too slow, or it failed. */
    public static final class RecommenderUnavailable extends RuntimeException {
        RecommenderUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The recommender answered that it has no such report. */
    public static final class ReportNotFound extends RuntimeException {
        ReportNotFound(long reportId) {
            super("no report " + reportId);
        }
    }

    /** The recommender refused the caller's token (401/403 on its side). */
    public static final class ReportRefused extends RuntimeException {
        ReportRefused(String message) {
            super(message);
        }
    }

    /** Where the catalog looks for the recommender (for messages). */
    public String target() {
        return uri.map(URI::toString).orElse("(recommender.grpc.uri not set)");
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = RecommenderUnavailable.class,
            abortOn = {ReportNotFound.class, ReportRefused.class})
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    public RecommendationReport report(long reportId, String callerToken) {
        if (stub == null) {
            throw new RecommenderUnavailable("recommender.grpc.uri is not configured", null);
        }
        try {
            return stub.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS)
                    .withInterceptors(new BearerTokenCallCredentials(() -> callerToken))
                    .getReport(GetReportRequest.newBuilder().setReportId(reportId).build());
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            if (code == Status.Code.NOT_FOUND) {
                throw new ReportNotFound(reportId);
            }
            if (code == Status.Code.PERMISSION_DENIED || code == Status.Code.UNAUTHENTICATED) {
                throw new ReportRefused(code + ": " + e.getStatus().getDescription());
            }
            channel.resetConnectBackoff();
            throw new RecommenderUnavailable(code + (e.getStatus().getDescription() == null ? ""
                    : ": " + e.getStatus().getDescription()), e);
        }
    }
}
