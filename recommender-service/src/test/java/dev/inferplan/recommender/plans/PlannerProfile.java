package dev.inferplan.recommender.plans;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.recommender.plans.RecommendationRequest.Budget;
import dev.inferplan.recommender.plans.RecommendationRequest.Latency;
import dev.inferplan.recommender.plans.RecommendationRequest.Quality;
import dev.inferplan.recommender.plans.RecommendationRequest.Traffic;
import dev.inferplan.recommender.snapshots.CatalogSnapshot;
import dev.inferplan.recommender.snapshots.Evidence;
import dev.inferplan.recommender.snapshots.ModelVersion;
import dev.inferplan.recommender.snapshots.PriceOffer;
import dev.inferplan.recommender.snapshots.PriceSnapshot;
import dev.inferplan.recommender.snapshots.QualityMetric;
import dev.inferplan.recommender.snapshots.Snapshot;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/** A profiling aid, not a test: one in-process recommendation over a synthetic book, timed in a loop. */
public final class PlannerProfile {

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Random random = new Random(7);
        String[] accelerators = {"nvidia-t4", "nvidia-l4", "nvidia-a10g", "nvidia-a100", "nvidia-h100", "nvidia-v100",
                "nvidia-l40s", "amd-mi300x", "nvidia-p100", "nvidia-k80"};
        String[] options = {"ON_DEMAND", "SPOT", "RESERVED_1Y", "RESERVED_3Y"};
        List<PriceOffer> offers = new ArrayList<>();
        for (String provider : List.of("aws", "gcp", "azure")) {
            for (int r = 0; r < 25; r++) {
                for (String accelerator : accelerators) {
                    for (int count : new int[] {1, 2, 4, 8}) {
                        for (String option : options) {
                            offers.add(new PriceOffer(provider, provider + "-region-" + r, "", accelerator + "-x" + count,
                                    accelerator, count, option, Money.of(BigDecimal.valueOf(0.3 + random.nextDouble() * count * 3)
                                    .setScale(4, java.math.RoundingMode.HALF_UP).toPlainString()), 7, PriceOffer.INSTANCE, List.of()));
                        }
                    }
                }
                for (int cpu = 0; cpu < 500; cpu++) {
                    for (String option : options) {
                        offers.add(new PriceOffer(provider, provider + "-region-" + r, "", "cpu-" + cpu, "", 0, option,
                                Money.of("0.1"), 7, PriceOffer.INSTANCE, List.of()));
                    }
                }
            }
        }
        List<ModelVersion> versions = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        long id = 1;
        for (long v = 1; v <= 1000; v++) {
            versions.add(new ModelVersion(v, "family-" + v % 50, "model-" + v, "image-classification", "APPROVED", "TIER_1",
                    List.of(new QualityMetric("top1", BigDecimal.valueOf(60 + random.nextInt(300) / 10.0), "imagenet", true,
                            "PUBLISHED")), null));
            if (v % 40 == 0) {   // a few versions with GPU evidence, as in the seed
                for (int a = 0; a < 2; a++) {
                    String acc = accelerators[random.nextInt(accelerators.length)];
                    for (int batch : new int[] {1, 4, 16}) {
                        double qps = 100 + random.nextInt(2000);
                        evidence.add(new Evidence(id++, v, "pool-" + acc, acc, 1, "SERVER", batch, 1, qps * batch / 4,
                                new Evidence.Latencies(5 * batch, 8 * batch, 9 * batch, 12 * batch), true, "CUDA",
                                "MEASURED", "run", List.of()));
                    }
                }
            } else {
                evidence.add(new Evidence(id++, v, "local-cpu", "cpu", 0, "SERVER", 1, 1, 50,
                        new Evidence.Latencies(5, 8, 9, 12), true, "CPU", "MEASURED", "run", List.of()));
            }
        }
        Snapshot snapshot = new Snapshot(new CatalogSnapshot(41, List.of("image-classification"), versions, evidence,
                Instant.EPOCH), new PriceSnapshot(List.of(7L), offers, Instant.EPOCH, List.of()));
        RecommendationRequest request = new RecommendationRequest("image-classification", new Quality("top1", null, 75.0),
                new Latency("p99", 100.0), null, new Traffic(50.0, 150.0, "steady"),
                args.length > 1 ? new Budget(Money.of(args[1])) : null, null, "WITH_PUBLISHED", null, null, null, null,
                null).withDefaults();
        Jsonb jsonb = JsonbBuilder.create();
        long[] times = new long[iterations];
        long[] jsonTimes = new long[iterations];
        Recommendation last = null;
        int bytes = 0;
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            last = Recommender.recommend(request, snapshot, new Recommender.Freshness(false, 0, 0));
            long planned = System.nanoTime();
            bytes = jsonb.toJson(last).length();
            times[i] = planned - start;
            jsonTimes[i] = System.nanoTime() - planned;
        }
        long[] warm = Arrays.copyOfRange(times, iterations / 2, iterations);
        Arrays.sort(warm);
        long[] json = Arrays.copyOfRange(jsonTimes, iterations / 2, iterations);
        Arrays.sort(json);
        System.out.printf("json: p50 %.2f ms%n", json[json.length / 2] / 1e6);
        System.out.printf("offers %d, candidates %d, feasible plans %d (shown %d), rejected %d, answer %d chars%n",
                offers.size(), last.candidates(), last.frontier().size(), last.plans().size(), last.rejectedCandidates(), bytes);
        System.out.printf("warm: p50 %.2f ms, p99 %.2f ms; last timings %s%n", warm[warm.length / 2] / 1e6,
                warm[(int) (warm.length * 0.99)] / 1e6, last.timings());
    }
}
