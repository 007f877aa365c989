package dev.inferplan.catalog.cards;

import java.util.List;
import java.util.Locale;

import dev.inferplan.catalog.costs.CostEstimateView;
import dev.inferplan.catalog.drift.ReviewFlags;
import dev.inferplan.catalog.reviews.Reviews;
import dev.inferplan.catalog.versions.MetricView;

/** Renders a model card as GitHub-flavoured Markdown: the same content as the JSON card. */
public final class ModelCardMarkdown {

    private ModelCardMarkdown() {
    }

    public static String render(ModelCard card) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(text(card.family())).append(" — ").append(text(card.label())).append("\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "Version id", Long.toString(card.versionId()));
        row(md, "Task", card.task());
        row(md, "Status", card.status());
        row(md, "Tier", tierLine(card));
        row(md, "Owner", card.owner());
        row(md, "Licence", card.license());
        row(md, "Revision", Long.toString(card.revision()));
        md.append('\n');
        if (card.description() != null && !card.description().isBlank()) {
            md.append(card.description().strip()).append("\n\n");
        }

        md.append("## Artifact\n\n");
        if (card.artifact() == null) {
            md.append("No artifact registered.\n\n");
        } else {
            md.append("| | |\n|---|---|\n");
            row(md, "URI", "`" + card.artifact().uri() + "`");
            row(md, "Format", card.artifact().format());
            row(md, "SHA-256", card.artifact().sha256() == null ? "unknown (file not at hand when registered)"
                    : "`" + card.artifact().sha256() + "`");
            row(md, "Size", card.artifact().sizeBytes() == null ? "unknown" : card.artifact().sizeBytes() + " bytes");
            row(md, "Opset", card.artifact().opset() == null ? "unknown" : card.artifact().opset().toString());
            row(md, "IO signature", card.artifact().ioSignature() == null ? "not reported yet"
                    : "`" + card.artifact().ioSignature() + "`");
            md.append('\n');
        }

        md.append("## Lineage\n\n");
        if (card.lineage().ancestors().isEmpty() && card.lineage().derived().isEmpty()) {
            md.append("No lineage recorded.\n\n");
        } else {
            for (ModelCard.Relative ancestor : card.lineage().ancestors()) {
                md.append("- ").append(ancestor.kind()).append(" ").append(relative(ancestor)).append('\n');
            }
            for (ModelCard.Relative derived : card.lineage().derived()) {
                md.append("- ").append(relative(derived)).append(" is ").append(derived.kind()).append(" this version\n");
            }
            md.append('\n');
        }

        md.append("## Quality metrics\n\n");
        if (card.metrics().isEmpty()) {
            md.append("None recorded.\n\n");
        } else {
            md.append("| metric | value | dataset | split | better | provenance | source |\n|---|---:|---|---|---|---|---|\n");
            for (MetricView m : card.metrics()) {
                md.append("| ").append(cell(m.name())).append(" | ").append(m.value().toPlainString()).append(" | ")
                        .append(cell(m.dataset())).append(" | ").append(cell(m.split())).append(" | ")
                        .append(m.higherIsBetter() ? "higher" : "lower").append(" | ")
                        .append(m.provenance().kind()).append(" | ").append(cell(m.provenance().source())).append(" |\n");
            }
            md.append('\n');
        }

        md.append("## Benchmarks per hardware pool\n\n");
        if (card.benchmarks().isEmpty()) {
            md.append("No benchmark results.\n\n");
        } else {
            md.append("| pool | accelerator | results (VALID, MLPerf-compliant) | measured / published | best throughput/s | at | p99 there | lowest p99 |\n")
                    .append("|---|---|---:|---|---:|---|---:|---:|\n");
            for (ModelCard.PoolSummary pool : card.benchmarks()) {
                ModelCard.Best best = pool.best();
                md.append("| ").append(cell(pool.pool())).append(" | ")
                        .append(pool.accelerator() == null ? "" : pool.acceleratorCount() == 0 ? pool.accelerator()
                                : pool.accelerator() + " × " + pool.acceleratorCount())
                        .append(" | ").append(pool.results()).append(" (").append(pool.valid()).append(") | ")
                        .append(pool.measured()).append(" / ").append(pool.published()).append(" | ")
                        .append(best == null ? "—" : number(best.throughputPerS())).append(" | ")
                        .append(best == null ? "—" : best.scenario() + ", batch " + best.batchSize() + ", concurrency "
                                + best.concurrency()).append(" | ")
                        .append(best == null || best.p99Ms() == null ? "—" : number(best.p99Ms()) + " ms").append(" | ")
                        .append(pool.lowestP99Ms() == null ? "—" : number(pool.lowestP99Ms()) + " ms").append(" |\n");
            }
            md.append('\n');
        }

        md.append("## Cost estimates\n\n");
        if (card.costEstimates().isEmpty()) {
            md.append("None attached.\n\n");
        } else {
            md.append("| pool / instance type | purchase option | USD per 1k inferences | USD per month | source |\n")
                    .append("|---|---|---:|---:|---|\n");
            for (CostEstimateView c : card.costEstimates()) {
                md.append("| ").append(cell(c.pool() != null ? c.pool() : c.instanceType())).append(" | ")
                        .append(c.purchaseOption()).append(" | ").append(c.costPer1kUsd()).append(" | ")
                        .append(c.monthlyUsd() == null ? "—" : c.monthlyUsd().toString()).append(" | ")
                        .append(cell(c.source())).append(" |\n");
            }
            md.append('\n');
        }

        if (!card.reviews().reviewFlags().isEmpty()) {
            md.append("## Review suggested\n\n");
            for (ReviewFlags.FlagView f : card.reviews().reviewFlags()) {
                md.append("- ").append(f.raisedAt()).append(" **").append(f.kind()).append("**: ").append(text(f.reason()))
                        .append('\n');
            }
            md.append('\n');
        }

        md.append("## Review history\n\n");
        List<Reviews.DecisionView> decisions = card.reviews().decisions();
        if (decisions.isEmpty() && card.reviews().comments().isEmpty()) {
            md.append("Not reviewed yet.\n");
        }
        for (Reviews.DecisionView d : decisions) {
            md.append("- ").append(d.decidedAt()).append(" **").append(d.action()).append("** by ").append(text(d.decidedBy()))
                    .append(" (").append(d.fromStatus()).append(" → ").append(d.toStatus()).append(")")
                    .append(d.reason() == null ? "" : ": " + text(d.reason())).append('\n');
        }
        for (Reviews.CommentView c : card.reviews().comments()) {
            md.append("- ").append(c.createdAt()).append(" comment by ").append(text(c.author())).append(": ")
                    .append(text(c.body())).append('\n');
        }
        md.append("\n_Generated ").append(card.generatedAt()).append(" by inferplan catalog-service._\n");
        return md.toString();
    }

    private static String tierLine(ModelCard card) {
        if (card.tier() == null) {
            return "none (no evidence yet)";
        }
        if (card.tierOverride() != null) {
            return card.tier() + " (committee override by " + card.tierOverride().by() + ": "
                    + card.tierOverride().reason() + "; policy proposed " + card.proposedTier() + ")";
        }
        return card.tier() + " (proposed by the tier policy)";
    }

    private static String relative(ModelCard.Relative relative) {
        return "**" + text(relative.family()) + " " + text(relative.label()) + "** (version " + relative.versionId() + ")";
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(cell(value)).append(" |\n");
    }

    /** A table cell: pipes and line breaks would break the table. */
    private static String cell(String value) {
        return value == null ? "" : value.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    private static String text(String value) {
        return value == null ? "" : value.replace("\n", " ");
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.1f" : "%.2f", value);
    }
}
