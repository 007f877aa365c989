package dev.inferplan.recommender.plans;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rejections grouped by an identical reason, counted, the candidate closest to feasible kept per group. */
final class Rejections {

    private final Map<String, Rejection> groups = new LinkedHashMap<>();
    private final boolean grouped;
    private int total;

    Rejections(boolean grouped) {
        this.grouped = grouped;
    }

    void add(String groupKey, Rejection rejection) {
        total++;
        if (!grouped) {
            return;
        }
        groups.merge(groupKey, rejection, (kept, added) ->
                kept.times(1, added.numeric() && (!kept.numeric() || added.gap() < kept.gap()) ? added : null));
    }

    int total() {
        return total;
    }

    /** Largest groups first, then by constraint and reason, so the answer reads the same every time. */
    List<Rejection> grouped() {
        List<Rejection> list = new ArrayList<>(groups.values());
        list.sort(Comparator.comparingInt(Rejection::count).reversed()
                .thenComparing(Rejection::constraint)
                .thenComparing(Rejection::reason));
        return list;
    }
}
