package dev.inferplan.catalog.seed;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ImageNet-1k top-1/top-5 of every timm model (pytorch-image-models' results-imagenet.csv): family =
 * architecture, version = pretrained tag, one top1 and one top5 per evaluated image size.
 */
final class TimmImagenetSeed {

    static final String RESOURCE = "seed/timm-results-imagenet.csv";
    static final String SOURCE = "huggingface/pytorch-image-models@aa4b5850c1543fa488abf260f18390eda46cf85d"
            + " results/results-imagenet.csv";

    private TimmImagenetSeed() {
    }

    static SeedPlan plan() {
        Map<String, Map<String, List<Map<String, String>>>> rows = new LinkedHashMap<>();
        for (Map<String, String> row : SeedCsv.read(RESOURCE)) {
            String model = row.get("model");
            int dot = model.indexOf('.');
            String architecture = dot < 0 ? model : model.substring(0, dot);
            String tag = dot < 0 ? "default" : model.substring(dot + 1);
            rows.computeIfAbsent(architecture, a -> new LinkedHashMap<>())
                    .computeIfAbsent(tag, t -> new ArrayList<>()).add(row);
        }
        List<SeedPlan.Family> families = new ArrayList<>();
        rows.forEach((architecture, tags) -> {
            String parameters = tags.values().iterator().next().getFirst().get("param_count").replace(",", "");
            List<SeedPlan.Version> versions = new ArrayList<>();
            tags.forEach((tag, evaluations) -> {
                List<SeedPlan.Metric> metrics = new ArrayList<>();
                for (Map<String, String> evaluation : evaluations) {
                    String split = "validation@" + evaluation.get("img_size") + "px";
                    metrics.add(new SeedPlan.Metric("top1", new BigDecimal(evaluation.get("top1")), "imagenet-1k", split,
                            true, SOURCE));
                    metrics.add(new SeedPlan.Metric("top5", new BigDecimal(evaluation.get("top5")), "imagenet-1k", split,
                            true, SOURCE));
                }
                versions.add(new SeedPlan.Version(tag, null, null, null, null, null, metrics));
            });
            families.add(new SeedPlan.Family(architecture, "image-classification", "timm (pytorch-image-models)",
                    "timm architecture " + architecture + ", " + parameters + " M parameters. ImageNet-1k validation"
                            + " results as published in pytorch-image-models' results-imagenet.csv; no ONNX export registered.",
                    "timm code Apache-2.0; weights: see the model's timm card", versions));
        });
        return new SeedPlan("timm-imagenet", families);
    }
}
