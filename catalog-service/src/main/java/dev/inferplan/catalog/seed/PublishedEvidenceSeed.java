package dev.inferplan.catalog.seed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.inferplan.catalog.benchmarks.HardwarePools;
import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;

import jakarta.json.Json;

/**
 * Published benchmark results as evidence (see seed/PROVENANCE.md): MLPerf Inference closed-division
 * results v3.1–v4.1 and timm's inference benchmark tables, each cited, on pools named
 * {@code published/<canonical accelerator id>x<count>} (or {@code published/cpu-<processor>}), so
 * that hardware no runner of ours has can still be ranked. timm rows go to the architecture's first
 * seeded version (timm benchmarks the architecture, not one set of weights); MLPerf rows to
 * MLPerf's own reference models, seeded as PROPOSED families.
 */
final class PublishedEvidenceSeed {

    static final String NAME = "published-evidence";
    static final String MLPERF_RESOURCE = "seed/mlperf-inference-closed-v3.1-v4.1.csv";
    static final String MLPERF_SOURCE = "mlcommons/cm4mlperf-results@84d8b84c6d6e3d646e27d511e438fd12d144ade9";
    static final String MLPERF_USAGE = "MLCommons' MLPerf results-usage rules apply; figures derived from them are unverified";

    /** A timm benchmark table: file, accelerator (null: CPU), processor, how it was run, commit. */
    record TimmTable(String file, String acceleratorName, String cpuModel, String setup, String commit) {
    }

    static final List<TimmTable> TIMM = List.of(
            new TimmTable("benchmark-infer-amp-nchw-pt291-cu128-4090.csv", "RTX 4090", null,
                    "PyTorch 2.9.1 + CUDA 12.8, AMP, NCHW", "90cae8c5ab83d2d7e23b1fb2bab1559bfdcbc7e9"),
            new TimmTable("benchmark-infer-amp-nchw-pt291-cu130-pro6000maxq.csv", "RTX PRO 6000 Max-Q", null,
                    "PyTorch 2.9.1 + CUDA 13.0, AMP, NCHW", "90cae8c5ab83d2d7e23b1fb2bab1559bfdcbc7e9"),
            new TimmTable("benchmark-infer-amp-nchw-pt240-cu124-rtx3090.csv", "RTX 3090", null,
                    "PyTorch 2.4.0 + CUDA 12.4, AMP, NCHW", "5c33776aa59f0f05bfb8008ff546ed4c09083f1a"),
            new TimmTable("benchmark-infer-fp32-nchw-pt240-cpu-i9_10940x-dynamo.csv", null, "Intel Core i9-10940X",
                    "PyTorch 2.4.0, fp32, torch.compile (dynamo), NCHW", "5c33776aa59f0f05bfb8008ff546ed4c09083f1a"),
            new TimmTable("benchmark-infer-fp32-nchw-pt240-cpu-i7_12700h-dynamo.csv", null, "Intel Core i7-12700H",
                    "PyTorch 2.4.0, fp32, torch.compile (dynamo), NCHW", "5c33776aa59f0f05bfb8008ff546ed4c09083f1a"));

    /** MLPerf's reference models: model name in the results → family, version label (the accuracy target). */
    static final Map<String, String[]> MLPERF_MODELS = Map.of(
            "resnet50", new String[] {"mlperf-resnet50-v1.5", "99"},
            "bert-99", new String[] {"mlperf-bert-large", "99"},
            "bert-99.9", new String[] {"mlperf-bert-large", "99.9"},
            "gptj-99", new String[] {"mlperf-gpt-j-6b", "99"},
            "gptj-99.9", new String[] {"mlperf-gpt-j-6b", "99.9"},
            "llama2-70b-99", new String[] {"mlperf-llama2-70b", "99"},
            "llama2-70b-99.9", new String[] {"mlperf-llama2-70b", "99.9"});

    record Pool(String pool, Set<String> instanceTypes, String accelerator, int acceleratorCount, String cpuModel,
                Integer cpuCores) {
    }

    /** {@code label} null: the family's first version. */
    record Result(String family, String label, String pool, String scenario, int batchSize, double throughputPerS,
                  Double targetQps, String hardware, String source, String config) {
    }

    record Plan(String name, List<Pool> pools, List<Result> results, List<String> skipped) {
    }

    private PublishedEvidenceSeed() {
    }

    /** The MLPerf reference models as families with one PROPOSED version per accuracy target. */
    static SeedPlan mlperfModels() {
        String cite = "MLPerf Inference reference model; results from " + MLPERF_SOURCE + " (" + MLPERF_USAGE + ").";
        return new SeedPlan("mlperf-models", List.of(
                family("mlperf-resnet50-v1.5", "image-classification", "ResNet-50 v1.5 (ImageNet), MLPerf's image"
                        + " classification benchmark model. " + cite, "Apache-2.0", "99"),
                family("mlperf-bert-large", "question-answering", "BERT-Large (SQuAD v1.1), MLPerf's language"
                        + " processing model; versions are the accuracy targets (99 % and 99.9 % of fp32). " + cite,
                        "Apache-2.0", "99", "99.9"),
                family("mlperf-gpt-j-6b", "llm-generation", "GPT-J 6B (CNN/DailyMail summarization), MLPerf's"
                        + " LLM benchmark model. " + cite, "Apache-2.0", "99", "99.9"),
                family("mlperf-llama2-70b", "llm-generation", "Llama 2 70B Chat (Open Orca), MLPerf's large LLM"
                        + " benchmark model. " + cite, "Llama 2 Community License", "99", "99.9")));
    }

    private static SeedPlan.Family family(String name, String task, String description, String license, String... labels) {
        List<SeedPlan.Version> versions = new ArrayList<>();
        for (String label : labels) {
            versions.add(new SeedPlan.Version(label, null, null, null, null, null, List.of()));
        }
        return new SeedPlan.Family(name, task, "seed: MLPerf Inference", description, license, versions);
    }

    static Plan plan(AcceleratorVocabulary vocabulary) {
        Map<String, Pool> pools = new LinkedHashMap<>();
        List<Result> results = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        mlperf(vocabulary, pools, results, skipped);
        timm(vocabulary, pools, results, skipped);
        return new Plan(NAME, List.copyOf(pools.values()), results, skipped);
    }

    private static void mlperf(AcceleratorVocabulary vocabulary, Map<String, Pool> pools, List<Result> results,
                               List<String> skipped) {
        Map<String, Optional<String>> resolved = new java.util.HashMap<>();
        for (Map<String, String> row : SeedCsv.read(MLPERF_RESOURCE)) {
            String[] model = MLPERF_MODELS.get(row.get("Model"));
            String scenario = row.get("Scenario").toUpperCase(Locale.ROOT);
            if (model == null || !(scenario.equals("OFFLINE") || scenario.equals("SERVER"))) {
                skipped.add("MLPerf " + row.get("Model") + " " + row.get("Scenario"));
                continue;
            }
            String acceleratorName = row.get("accelerator_model_name");
            int nodes = Math.max(1, parseInt(row.get("number_of_nodes"), 1));
            String pool;
            String accelerator;
            int count;
            if (acceleratorName.isBlank() || acceleratorName.equals("N/A") || acceleratorName.equals("None")) {
                accelerator = "cpu";
                count = 0;
                pool = HardwarePools.PUBLISHED_PREFIX + "cpu-" + slug(row.get("host_processor_model_name")) + "x"
                        + parseInt(row.get("host_processors_per_node"), 1) * nodes;
            } else {
                Optional<String> id = resolved.computeIfAbsent(acceleratorName,
                        name -> vocabulary.resolve(name).map(a -> a.id().id()));
                if (id.isEmpty()) {
                    skipped.add("MLPerf accelerator '" + acceleratorName + "'");
                    continue;
                }
                accelerator = id.get();
                count = parseInt(row.get("accelerators_per_node"), 1) * nodes;
                pool = HardwarePools.PUBLISHED_PREFIX + accelerator + "x" + count;
            }
            Pool known = pools.computeIfAbsent(pool, p -> new Pool(p, new LinkedHashSet<>(), accelerator, count,
                    accelerator.equals("cpu") ? row.get("host_processor_model_name") : null,
                    accelerator.equals("cpu") ? parseInt(row.get("host_processor_core_count"), 0) : null));
            known.instanceTypes().add("mlperf/" + slug(row.get("Platform")));
            double result = Double.parseDouble(row.get("Result"));
            String source = truncate("MLPerf Inference " + row.get("version") + " closed, " + row.get("SystemType") + ": "
                    + row.get("Organization") + ", " + row.get("SystemName") + " (" + row.get("Location") + "), "
                    + row.get("Result") + " " + row.get("Units") + " for the whole system; via " + MLPERF_SOURCE
                    + ". " + MLPERF_USAGE + ".", 1000);
            String config = Json.createObjectBuilder()
                    .add("units", row.get("Units"))
                    .add("accuracy", row.get("Accuracy"))
                    .add("framework", row.get("framework"))
                    .add("mlperfVersion", row.get("version"))
                    .add("systemType", row.get("SystemType"))
                    .add("availability", row.get("Availability"))
                    .add("nodes", nodes)
                    .build().toString();
            results.add(new Result(model[0], model[1], pool, scenario, 1, result, scenario.equals("SERVER") ? result : null,
                    truncate(row.get("SystemName") + "; host " + row.get("host_processor_model_name") + " × "
                            + row.get("host_processors_per_node") + "; " + row.get("framework"), 1000), source, config));
        }
    }

    private static void timm(AcceleratorVocabulary vocabulary, Map<String, Pool> pools, List<Result> results,
                             List<String> skipped) {
        for (TimmTable table : TIMM) {
            String accelerator = table.acceleratorName() == null ? "cpu"
                    : vocabulary.resolve(table.acceleratorName()).map(a -> a.id().id()).orElseThrow(
                            () -> new IllegalStateException("accelerator vocabulary has no " + table.acceleratorName()));
            String pool = accelerator.equals("cpu") ? HardwarePools.PUBLISHED_PREFIX + "cpu-" + slug(table.cpuModel()) + "x1"
                    : HardwarePools.PUBLISHED_PREFIX + accelerator + "x1";
            pools.computeIfAbsent(pool, p -> new Pool(p, new LinkedHashSet<>(List.of("timm/" + slug(
                    table.acceleratorName() == null ? table.cpuModel() : table.acceleratorName()))), accelerator,
                    accelerator.equals("cpu") ? 0 : 1, table.cpuModel(), null));
            String source = "huggingface/pytorch-image-models@" + table.commit() + " results/" + table.file();
            for (Map<String, String> row : SeedCsv.read("seed/timm-" + table.file())) {
                String config = Json.createObjectBuilder()
                        .add("imageSize", parseInt(row.get("infer_img_size"), 0))
                        .add("stepTimeMs", Double.parseDouble(row.get("infer_step_time")))
                        .add("setup", table.setup())
                        .build().toString();
                results.add(new Result(row.get("model"), null, pool, "OFFLINE", parseInt(row.get("infer_batch_size"), 1),
                        Double.parseDouble(row.get("infer_samples_per_sec")), null,
                        (table.acceleratorName() == null ? table.cpuModel() : table.acceleratorName()) + ", " + table.setup()
                                + ", " + row.get("infer_img_size") + " px", source, config));
            }
        }
    }

    static String slug(String value) {
        String slug = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("(^-+|-+$)", "");
        return slug.length() > 80 ? slug.substring(0, 80) : slug;
    }

    private static int parseInt(String value, int otherwise) {
        try {
            return (int) Double.parseDouble(value);
        } catch (RuntimeException e) {
            return otherwise;
        }
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
