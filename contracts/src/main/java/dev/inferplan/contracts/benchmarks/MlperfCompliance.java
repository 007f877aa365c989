package dev.inferplan.contracts.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a point ran by MLPerf Inference's rules, apart from whether it is valid under the rules
 * its job chose: a job may lower the minimum query count or shorten the windows for a quick look,
 * and its point may well be VALID under those, but it is not MLPerf-compliant, and says which rule
 * it broke. Only compliant VALID points count for the benchmark gate and are called VALID in the
 * model card. Runner and catalog both judge with this one method.
 */
public record MlperfCompliance(boolean compliant, List<String> rulesBroken) {

    public MlperfCompliance {
        rulesBroken = List.copyOf(rulesBroken);
    }

    public static final MlperfCompliance COMPLIANT = new MlperfCompliance(true, List.of());

    /** The rules broken in words, "; "-separated; null when compliant. */
    public String ruleBroken() {
        return rulesBroken.isEmpty() ? null : String.join("; ", rulesBroken);
    }

    /**
     * @param counted         queries completed (samples for Offline)
     * @param minQueries      the minimum the run was held to (the job's, or MLPerf's)
     * @param windowSeconds   the measurement window the run used
     * @param samplesPerQuery samples in one query (the batch size)
     */
    public static MlperfCompliance check(Scenario scenario, long counted, long minQueries, double windowSeconds,
                                         int samplesPerQuery) {
        List<String> broken = new ArrayList<>();
        String unit = scenario.countsSamples() ? "samples" : "queries";
        if (minQueries < scenario.minQueries()) {
            broken.add(String.format(Locale.ROOT, "minQueries %d below MLPerf's %d %s for %s", minQueries,
                    scenario.minQueries(), unit, scenario));
        }
        if (counted < scenario.minQueries()) {
            broken.add(String.format(Locale.ROOT, "%d %s, MLPerf's %s needs at least %d", counted, unit, scenario,
                    scenario.minQueries()));
        }
        if (windowSeconds < Scenario.STANDARD_WINDOW_SECONDS) {
            broken.add(String.format(Locale.ROOT, "windows of %.2f s, shorter than the standard %.0f s", windowSeconds,
                    Scenario.STANDARD_WINDOW_SECONDS));
        }
        if (scenario.samplesPerQuery() > 0 && samplesPerQuery != scenario.samplesPerQuery()) {
            broken.add(String.format(Locale.ROOT, "%d samples per query, MLPerf's %s has %d", samplesPerQuery, scenario,
                    scenario.samplesPerQuery()));
        }
        return broken.isEmpty() ? COMPLIANT : new MlperfCompliance(false, broken);
    }
}
