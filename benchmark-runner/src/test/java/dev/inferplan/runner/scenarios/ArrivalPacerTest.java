package dev.inferplan.runner.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;

import org.junit.jupiter.api.Test;

/** The pacer's logic on a fake clock: time moves only when the pacer parks or spins. */
class ArrivalPacerTest {

    private static final long MARGIN = 200_000;
    private static final long SPIN_STEP = 100;

    /** A clock whose park sleeps the asked time plus whatever {@code wakeUp} adds (or returns at once when negative). */
    private static final class FakeClock implements ArrivalPacer.Clock {
        long now;
        final List<Long> parks = new ArrayList<>();
        long spins;
        final LongUnaryOperator wakeUp;

        FakeClock(long now, LongUnaryOperator wakeUp) {
            this.now = now;
            this.wakeUp = wakeUp;
        }

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void park(long nanos) {
            parks.add(nanos);
            long extra = wakeUp.applyAsLong(nanos);
            now += extra < 0 ? 0 : nanos + extra;
        }

        @Override
        public void spin() {
            spins++;
            now += SPIN_STEP;
        }
    }

    @Test
    void parksUntilTheMarginThenSpinsToTheScheduledInstant() {
        FakeClock clock = new FakeClock(1_000_000, asked -> 90_000);
        long issued = new ArrivalPacer(MARGIN, clock).awaitArrival(11_000_000, () -> false);
        assertEquals(11_000_000, issued, "a wake-up 90 µs late, inside the 200 µs margin, is spun off exactly");
        assertEquals(List.of(10_000_000L - MARGIN), clock.parks);
        assertEquals((MARGIN - 90_000) / SPIN_STEP, clock.spins);
    }

    @Test
    void aWakeUpLaterThanTheMarginIssuesLateAndSaysHowLate() {
        FakeClock clock = new FakeClock(0, asked -> 4_000_000);
        long issued = new ArrivalPacer(MARGIN, clock).awaitArrival(10_000_000, () -> false);
        assertEquals(10_000_000 - MARGIN + 4_000_000, issued, "the late time is returned, not the scheduled one");
        assertEquals(0, clock.spins);
    }

    @Test
    void earlyWakeUpsParkAgainAndNeverIssueBeforeTheSchedule() {
        // the first two parks return at once (spurious wake-ups), then parks wake 10 µs late
        int[] calls = {0};
        FakeClock clock = new FakeClock(0, asked -> calls[0]++ < 2 ? -1 : 10_000);
        long issued = new ArrivalPacer(MARGIN, clock).awaitArrival(5_000_000, () -> false);
        assertEquals(5_000_000, issued);
        assertEquals(List.of(4_800_000L, 4_800_000L, 4_800_000L), clock.parks);
    }

    @Test
    void anArrivalAlreadyDueGoesAtOnce() {
        FakeClock clock = new FakeClock(7_000_000, asked -> 0);
        assertEquals(7_000_000, new ArrivalPacer(MARGIN, clock).awaitArrival(6_000_000, () -> false));
        assertTrue(clock.parks.isEmpty());
        assertEquals(0, clock.spins);
    }

    @Test
    void withinTheMarginItOnlySpins() {
        FakeClock clock = new FakeClock(0, asked -> 0);
        assertEquals(150_000, new ArrivalPacer(MARGIN, clock).awaitArrival(150_000, () -> false));
        assertTrue(clock.parks.isEmpty());
        assertEquals(150_000 / SPIN_STEP, clock.spins);
    }

    @Test
    void withoutAMarginItParksToTheInstant() {
        FakeClock clock = new FakeClock(0, asked -> 0);
        assertEquals(3_000_000, new ArrivalPacer(0, clock).awaitArrival(3_000_000, () -> false));
        assertEquals(List.of(3_000_000L), clock.parks);
        assertEquals(0, clock.spins);
    }

    @Test
    void stoppingEndsTheWaitBeforeTheArrival() {
        FakeClock clock = new FakeClock(0, asked -> 0);
        long issued = new ArrivalPacer(MARGIN, clock).awaitArrival(60_000_000_000L, () -> clock.parks.size() >= 1);
        assertTrue(issued < 60_000_000_000L, "returned at " + issued + ": the caller sees the stop and issues nothing");
        assertEquals(1, clock.parks.size());
    }

    @Test
    void overAPoissonScheduleNoArrivalIsEarlyAndEveryWakeUpInsideTheMarginIsExact() {
        SplittableRandom random = new SplittableRandom(42);
        long[] lastLateness = {-1};
        // wake-ups: 1 in 10 spurious, otherwise 0–400 µs late (half of them beyond the margin), on the spin's grid
        FakeClock clock = new FakeClock(0, asked -> {
            lastLateness[0] = random.nextInt(10) == 0 ? -1 : random.nextLong(4_000) * SPIN_STEP;
            return lastLateness[0];
        });
        ArrivalPacer pacer = new ArrivalPacer(MARGIN, clock);
        PoissonSchedule schedule = new PoissonSchedule(500, 1_000_000_000L, 7);
        int exact = 0;
        int late = 0;
        for (int w = 0; w < 4; w++) {
            for (long offset : schedule.nextWindow()) {
                // the spin step is 100 ns: align the schedule to it so "exact" can be exact
                long scheduled = offset / SPIN_STEP * SPIN_STEP;
                long before = clock.now;
                int parksBefore = clock.parks.size();
                long issued = pacer.awaitArrival(scheduled, () -> false);
                assertTrue(issued >= scheduled, "issued " + issued + " before its time " + scheduled);
                assertEquals(clock.now, issued, "the issue time is the clock's reading, not the schedule's");
                boolean parked = clock.parks.size() > parksBefore;
                boolean onTimeWakeUp = parked ? lastLateness[0] <= MARGIN : before <= scheduled;
                if (onTimeWakeUp) {
                    assertEquals(scheduled, issued, "a wake-up inside the margin is spun off to the instant");
                    exact++;
                } else {
                    assertEquals(parked ? scheduled - MARGIN + lastLateness[0] : before, issued,
                            "late exactly by the wake-up beyond the margin, or by the previous arrival's lateness");
                    late++;
                }
            }
        }
        assertEquals(2_000, exact + late);
        assertTrue(exact > 0 && late > 0, "both paths taken: exact " + exact + ", late " + late);
    }

    @Test
    void aNegativeMarginIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ArrivalPacer(-1, ArrivalPacer.Clock.SYSTEM));
    }
}
