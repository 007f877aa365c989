package dev.inferplan.catalog.jobs;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;

import dev.inferplan.contracts.benchmarks.MeasurementStatus;
import dev.inferplan.contracts.benchmarks.MlperfCompliance;
import dev.inferplan.contracts.benchmarks.Scenario;

import org.HdrHistogram.Histogram;

/**
 * What a reported point is worth, judged by the catalog and not taken on the runner's word alone:
 * its status (valid only when VALID; a point the runner calls valid but UNSTABLE is stored
 * valid=false), its MLPerf compliance judged again from the job's own rules (contracts'
 * {@link MlperfCompliance}, the one method the runner uses too) and joined with the runner's, and
 * the size of its latency histogram.
 */
record PointEvidence(MeasurementStatus status, String invalidReason, MlperfCompliance compliance, long histogramCount) {

    static PointEvidence of(JobView job, JobLeasing.Point point) {
        MeasurementStatus reported = MeasurementStatus.parse(point.status())
                .orElse(point.valid() ? MeasurementStatus.VALID : MeasurementStatus.INVALID);
        // the stricter of the two: "valid" and a status other than VALID, or VALID and "not valid", is not VALID
        MeasurementStatus status = reported == MeasurementStatus.VALID && !point.valid() ? MeasurementStatus.INVALID : reported;
        String reason = null;
        if (!status.valid()) {
            reason = point.invalidReason() != null && !point.invalidReason().isBlank() ? point.invalidReason()
                    : status == MeasurementStatus.UNSTABLE ? "UNSTABLE: the windows never agreed within the stability tolerance"
                    : "the runner marked the point invalid";
            if (status == MeasurementStatus.UNSTABLE && !reason.contains("UNSTABLE")) {
                reason = "UNSTABLE: " + reason;
            }
        }
        return new PointEvidence(status, reason, compliance(job, point), histogramCount(point.latencyHistogram()));
    }

    /** MLPerf's rules against the job's minimum and window, joined with what the runner said. */
    static MlperfCompliance compliance(JobView job, JobLeasing.Point point) {
        Scenario scenario = Scenario.parse(job.scenario()).orElseThrow();
        long minQueries = job.minQueries() != null ? job.minQueries() : scenario.minQueries();
        double window = Math.max(job.windowSeconds() != null ? job.windowSeconds() : Scenario.STANDARD_WINDOW_SECONDS,
                job.durationSeconds() / 3.0);
        long counted = scenario.countsSamples()
                ? (point.samples() > 0 ? point.samples() : point.queries() * point.batchSize()) : point.queries();
        MlperfCompliance ours = MlperfCompliance.check(scenario, counted, minQueries, window, point.batchSize());
        if (!Boolean.FALSE.equals(point.mlperfCompliant())) {
            return ours;
        }
        Set<String> broken = new LinkedHashSet<>(ours.rulesBroken());
        broken.add(point.mlperfRuleBroken() == null || point.mlperfRuleBroken().isBlank()
                ? "the runner found it not MLPerf-compliant" : point.mlperfRuleBroken());
        return new MlperfCompliance(false, List.copyOf(broken));
    }

    /** What keeps the point from being stored, each in words (nothing is stored then). */
    static List<String> problems(JobLeasing.Point point) {
        List<String> problems = new ArrayList<>();
        if (point.status() != null && MeasurementStatus.parse(point.status()).isEmpty()) {
            problems.add("status '" + abbreviated(point.status()) + "' is not one of VALID, INVALID, UNSTABLE");
        }
        byte[] histogram = point.latencyHistogram();
        if (histogram != null && histogram.length > 0) {
            if (histogram.length > JobLeasing.MAX_HISTOGRAM_BYTES) {
                problems.add("latency_histogram at most " + JobLeasing.MAX_HISTOGRAM_BYTES + " bytes");
            } else {
                try {
                    long count = decode(histogram).getTotalCount();
                    if (count != point.queries()) {
                        problems.add("latency_histogram holds " + count + " values for " + point.queries() + " queries");
                    }
                } catch (DataFormatException | RuntimeException e) {
                    problems.add("latency_histogram is not HdrHistogram's compressed encoding");
                }
            }
        }
        return problems;
    }

    static Histogram decode(byte[] compressed) throws DataFormatException {
        return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(compressed), 0);
    }

    private static long histogramCount(byte[] histogram) {
        if (histogram == null || histogram.length == 0) {
            return 0;
        }
        try {
            return decode(histogram).getTotalCount();
        } catch (DataFormatException | RuntimeException e) {
            return 0;
        }
    }

    private static String abbreviated(String value) {
        return value.length() <= 24 ? value : value.substring(0, 23) + "…";
    }
}
