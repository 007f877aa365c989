package dev.inferplan.recommender.plans;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Rejections grouped by an identical reason, counted, the candidate closest to feasible kept per group. */
final class Rejections {

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final boolean grouped;
    private int total;

    Rejections(boolean grouped) {
        this.grouped = grouped;
    }

    void add(String groupKey, Rejection rejection) {
        add(groupKey, rejection.gap(), () -> rejection);
    }

    /**
     * {@code example} is called only when this candidate becomes its group's example (the first, or closer to
     * feasible than the one kept): most rejected candidates are only counted, and their sentences never built.
     */
    void add(String groupKey, double gap, Supplier<Rejection> example) {
        total++;
        if (!grouped) {
            return;
        }
        Group group = groups.get(groupKey);
        if (group == null) {
            groups.put(groupKey, new Group(example.get()));
            return;
        }
        group.count++;
        if (!Double.isNaN(gap) && (!group.example.numeric() || gap < group.example.gap())) {
            group.example = example.get();
        }
    }

    private static final class Group {

        private Rejection example;
        private int count = 1;

        Group(Rejection example) {
            this.example = example;
        }
    }

    int total() {
        return total;
    }

    /** Largest groups first, then by constraint and reason, so the answer reads the same every time. */
    List<Rejection> grouped() {
        List<Rejection> list = new ArrayList<>(groups.size());
        for (Group group : groups.values()) {
            list.add(group.example.times(group.count - group.example.count(), null));
        }
        list.sort(Comparator.comparingInt(Rejection::count).reversed()
                .thenComparing(Rejection::constraint)
                .thenComparing(Rejection::reason));
        return list;
    }
}
