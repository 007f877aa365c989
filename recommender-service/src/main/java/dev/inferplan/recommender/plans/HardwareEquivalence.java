package dev.inferplan.recommender.plans;

import java.util.ArrayList;
import java.util.List;

import dev.inferplan.recommender.snapshots.PriceOffer;
import dev.inferplan.recommender.snapshots.Snapshot;

/**
 * Which offers a pool's results stand for, stated, never guessed: a GPU result (measured or published)
 * applies to deployable offers with the same canonical accelerator and count, in any provider and
 * region (a GCP CONFIGURATION, host + N attached accelerators, counts as its accelerator and N); a CPU
 * result applies only to the instance types its pool declares ("aws/c7i.large"), so a CPU pool that
 * declares none gives evidence that cannot be priced.
 */
public final class HardwareEquivalence {

    private HardwareEquivalence() {
    }

    /** The hardware a pool's results were obtained on. */
    public record Hardware(String pool, String accelerator, int acceleratorCount, List<String> instanceTypes) {

        public boolean cpu() {
            return "cpu".equals(accelerator);
        }

        public String describe() {
            return cpu() ? "cpu pool " + pool : accelerator + " ×" + acceleratorCount;
        }
    }

    public sealed interface Result permits Priced, Unpriceable {
    }

    /** Offers the results apply to, cheapest first, and the rule that made them apply. */
    public record Priced(List<PriceOffer> offers, String rule) implements Result {
    }

    public record Unpriceable(String reason) implements Result {
    }

    public static Result offersFor(Hardware hardware, Snapshot snapshot) {
        if (hardware.cpu()) {
            if (hardware.instanceTypes().isEmpty()) {
                return new Unpriceable("pool " + hardware.pool() + " declares no instance type");
            }
            List<PriceOffer> offers = new ArrayList<>();
            for (String declared : hardware.instanceTypes()) {
                offers.addAll(snapshot.offersOf(declared));
            }
            if (offers.isEmpty()) {
                return new Unpriceable("no offer in the price book for the instance types pool " + hardware.pool()
                        + " declares " + hardware.instanceTypes());
            }
            offers.sort(java.util.Comparator.comparing(PriceOffer::hourlyUsd));
            return new Priced(offers, "instance type declared by pool " + hardware.pool());
        }
        List<PriceOffer> offers = snapshot.offersWith(hardware.accelerator(), hardware.acceleratorCount());
        if (offers.isEmpty()) {
            return new Unpriceable("no offer in the price book with " + hardware.accelerator() + " ×"
                    + hardware.acceleratorCount());
        }
        return new Priced(offers, "same accelerator and count");
    }
}
