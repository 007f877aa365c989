package dev.inferplan.catalog.jobs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.inferplan.catalog.metrics.QualityMetrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A fidelity job's figures as MEASURED quality metrics of the derived version, each citing the job,
 * its inputs and its runner: {@code fidelity_cosine_mean}, {@code fidelity_cosine_p5},
 * {@code fidelity_cosine_min} and, for classifiers, {@code fidelity_top1_agreement}; dataset names the
 * inputs, split the parent they were compared with. The recommender can then hold a version to a
 * quality floor ("at least 0.99 cosine to its fp32 parent").
 */
@ApplicationScoped
public class FidelityMetrics {

    /** quality_metric.dataset is VARCHAR(128), split VARCHAR(64), provenance_source VARCHAR(1000). */
    static final int MAX_DATASET = 128;

    private final QualityMetrics metrics;

    @Inject
    public FidelityMetrics(QualityMetrics metrics) {
        this.metrics = metrics;
    }

    /** What is wrong with a reported fidelity (null when it can be stored). */
    static String problem(JobLeasing.Fidelity f) {
        if (f == null) {
            return "a fidelity job's report carries its fidelity figures";
        }
        List<String> wrong = new ArrayList<>();
        if (f.inputs() < 1) {
            wrong.add("inputs at least 1");
        }
        for (double cosine : new double[] {f.meanCosine(), f.p5Cosine(), f.minCosine()}) {
            if (!(cosine >= -1 && cosine <= 1)) {
                wrong.add("cosine similarities from -1 to 1");
                break;
            }
        }
        if (f.top1Agreement() != null && !(f.top1Agreement() >= 0 && f.top1Agreement() <= 1)) {
            wrong.add("top1_agreement from 0 to 1");
        }
        if (f.inputsDescription() == null || f.inputsDescription().isBlank()) {
            wrong.add("inputs_description: where the inputs came from");
        }
        return wrong.isEmpty() ? null : "fidelity: " + String.join("; ", wrong);
    }

    void record(JobView job, LockedJob locked, JobLeasing.Report report, String actor) {
        JobLeasing.Fidelity f = report.fidelity();
        String real = f.inputsDescription().startsWith("real:") ? "real" : "synthetic";
        String dataset = truncate("inferplan fidelity inputs (" + f.inputs() + " " + real + ")", MAX_DATASET);
        String split = "vs parent version " + job.referenceModelVersionId();
        String source = truncate("fidelity job " + job.id() + " (attempt " + locked.attempts() + ") on pool " + job.pool()
                + " by runner " + locked.leasedBy() + (report.runnerVersion() == null ? "" : ", benchmark-runner "
                + report.runnerVersion()) + "; parent sha256 " + f.referenceSha256() + "; inputs " + f.inputsDescription(),
                1000);
        List<QualityMetrics.NewMetric> figures = new ArrayList<>();
        figures.add(metric("fidelity_cosine_mean", f.meanCosine(), dataset, split, source));
        figures.add(metric("fidelity_cosine_p5", f.p5Cosine(), dataset, split, source));
        figures.add(metric("fidelity_cosine_min", f.minCosine(), dataset, split, source));
        if (f.top1Agreement() != null) {
            figures.add(metric("fidelity_top1_agreement", f.top1Agreement(), dataset, split, source));
        }
        figures.forEach(m -> metrics.attach(job.modelVersionId(), m, actor));
    }

    private static QualityMetrics.NewMetric metric(String name, double value, String dataset, String split, String source) {
        return new QualityMetrics.NewMetric(name, new BigDecimal(String.format(Locale.ROOT, "%.6f", value)), dataset, split,
                true, new QualityMetrics.ProvenanceSpec("MEASURED", source));
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
