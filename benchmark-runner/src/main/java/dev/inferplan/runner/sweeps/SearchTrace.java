package dev.inferplan.runner.sweeps;

import java.util.List;

/** How a quick search went: the points it measured in order, the one it chose, why it stopped. */
public record SearchTrace(String strategy, List<QuickSearch.Step> measured, SweepPoint best, String stoppedBecause) {

    public SearchTrace {
        measured = List.copyOf(measured);
    }
}
