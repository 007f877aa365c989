package dev.inferplan.catalog.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Text-embedding families from MTEB English v1 — the summary's averages and every task's main
 * score (the scores of the original fp32 weights, on each family's fp32 version) — and the ONNX
 * models the runner benchmarks, read from Maven artifacts in the local repository (onnx-models.csv).
 */
final class EmbeddingModelsSeed {

    static final String MTEB = "seed/mteb-eng-v1-summary-small-models.csv";
    static final String MTEB_TASKS = "seed/mteb-eng-v1-per-task-small-models.csv";
    static final String ONNX = "seed/onnx-models.csv";
    static final String RESULTS = "embeddings-benchmark/results@f4cc6c8b365a3c779dbc708d6affe0b0355b2ddf";
    static final String SOURCE = "MTEB leaderboard results: " + RESULTS + ","
            + " mean main_score over MTEB(eng, v1) tasks (scores of the original fp32 weights)";
    /** One task's score: named for the task so that a threshold search ({@code metric=}) means one task. */
    static final String TASK_METRIC_PREFIX = "mteb_task_";
    static final int TASKS = 56;
    static final List<String> CATEGORIES = List.of("Classification", "Clustering", "PairClassification", "Reranking",
            "Retrieval", "STS", "Summarization");

    private EmbeddingModelsSeed() {
    }

    /** An artifact found (or not) in the local Maven repository. */
    record Artifact(String uri, String sha256, Long sizeBytes) {
    }

    static SeedPlan plan(Path mavenRepository) {
        Map<String, Map<String, String>> mteb = new LinkedHashMap<>();
        SeedCsv.read(MTEB).forEach(row -> mteb.put(row.get("model"), row));
        Map<String, List<Map<String, String>>> tasks = new LinkedHashMap<>();
        SeedCsv.read(MTEB_TASKS).forEach(row -> tasks.computeIfAbsent(row.get("model"), m -> new ArrayList<>()).add(row));
        Map<String, List<Map<String, String>>> onnx = new LinkedHashMap<>();
        SeedCsv.read(ONNX).forEach(row -> onnx.computeIfAbsent(row.get("family"), f -> new ArrayList<>()).add(row));
        List<SeedPlan.Family> families = new ArrayList<>();
        onnx.forEach((family, rows) -> {
            Map<String, String> scores = mteb.get(family);
            if (scores == null) {
                throw new IllegalStateException(ONNX + ": no MTEB summary for " + family);
            }
            List<Map<String, String>> taskScores = tasks.getOrDefault(family, List.of());
            if (taskScores.size() != TASKS || !scores.get("tasks_found").equals(Integer.toString(TASKS))) {
                throw new IllegalStateException(MTEB_TASKS + ": " + taskScores.size() + " task scores for " + family
                        + " (summary: " + scores.get("tasks_found") + "), MTEB(eng, v1) has " + TASKS);
            }
            List<SeedPlan.Version> versions = new ArrayList<>();
            for (Map<String, String> row : rows) {
                Optional<Artifact> artifact = row.get("artifact_id").isBlank() ? Optional.empty()
                        : Optional.of(artifact(mavenRepository, row));
                List<SeedPlan.Metric> metrics = row.get("label").equals("fp32") ? metrics(scores, taskScores) : List.of();
                versions.add(new SeedPlan.Version(row.get("label"), artifact.map(Artifact::uri).orElse(null),
                        artifact.map(Artifact::sha256).orElse(null), artifact.map(Artifact::sizeBytes).orElse(null),
                        blankToNull(row.get("lineage_kind")), blankToNull(row.get("parent_label")), metrics));
            }
            families.add(new SeedPlan.Family(family, "text-embedding", "seed: MTEB small models",
                    family + ": sentence embedding model, " + scores.get("n_parameters") + " parameters, at most "
                            + scores.get("max_tokens").replace(".0", "") + " tokens. MTEB English v1 scores as published"
                            + " by the MTEB leaderboard's results repository.",
                    scores.get("license"), versions));
        });
        return new SeedPlan("embedding-models", families);
    }

    /** The averages (overall, per category), then each task's main score, in the file's order. */
    static List<SeedPlan.Metric> metrics(Map<String, String> scores, List<Map<String, String>> tasks) {
        List<SeedPlan.Metric> metrics = new ArrayList<>();
        metrics.add(new SeedPlan.Metric("mteb_avg", new BigDecimal(scores.get("MTEB_eng_v1_avg_56")), "MTEB(eng, v1)",
                "test", true, SOURCE));
        for (String category : CATEGORIES) {
            metrics.add(new SeedPlan.Metric("mteb_" + category.toLowerCase(java.util.Locale.ROOT) + "_avg",
                    new BigDecimal(scores.get(category + "_avg")),
                    "MTEB(eng, v1) " + category + " (" + scores.get(category + "_n") + " tasks)", "test", true, SOURCE));
        }
        for (Map<String, String> task : tasks) {
            metrics.add(taskMetric(task));
        }
        return metrics;
    }

    /**
     * {@code mteb_task_<Task>} as MTEB spells the task; dataset: category, task and (when not the
     * default) the language subset scored; split as evaluated (test, MSMARCO dev); the source cites
     * the result file the score was read from.
     */
    static SeedPlan.Metric taskMetric(Map<String, String> task) {
        String subset = task.get("hf_subset");
        String dataset = "MTEB(eng, v1) " + task.get("category") + ": " + task.get("task")
                + (subset.equals("default") ? "" : " (" + subset + ")");
        // source_dir is <org>__<model>/<revision>, or .../external for the scores the model's authors reported.
        String source = "MTEB leaderboard results: " + RESULTS + " results/" + task.get("source_dir") + "/"
                + task.get("task") + ".json, main_score of subset " + subset + " on a 0-100 scale"
                + (task.get("source_dir").endsWith("/external") ? ", as reported by the model's authors" : "")
                + (task.get("mteb_version").isBlank() ? "" : ", mteb " + task.get("mteb_version"));
        return new SeedPlan.Metric(TASK_METRIC_PREFIX + task.get("task"), new BigDecimal(task.get("main_score")), dataset,
                task.get("split"), true, source);
    }

    /** The jar's URI; sha256 and size of the entry when the jar is in the local repository. */
    static Artifact artifact(Path repository, Map<String, String> row) {
        String artifactId = row.get("artifact_id");
        String version = row.get("artifact_version");
        Path jar = repository.resolve(row.get("group_id").replace('.', '/')).resolve(artifactId).resolve(version)
                .resolve(artifactId + "-" + version + ".jar").toAbsolutePath().normalize();
        // jar:file:/path/x.jar!/entry, the form the brief and the runner use (toUri() would say file:///).
        String uri = "jar:" + jar.toUri().toString().replaceFirst("^file:///", "file:/") + "!/" + row.get("entry");
        if (!Files.isRegularFile(jar)) {
            return new Artifact(uri, null, null);
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(row.get("entry"));
            if (entry == null) {
                throw new IllegalStateException(jar + " has no entry " + row.get("entry"));
            }
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long size = 0;
            try (InputStream in = zip.getInputStream(entry)) {
                byte[] buffer = new byte[1 << 16];
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    sha256.update(buffer, 0, n);
                    size += n;
                }
            }
            return new Artifact(uri, HexFormat.of().formatHex(sha256.digest()), size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
