package dev.inferplan.pricing.offers;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.inferplan.contracts.pricing.PurchaseOption;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AcceleratorOffersTest {

    private static final OfferFilter ANY = OfferFilter.ANY;

    private static OfferFilter filter(Set<String> providers, Set<String> accelerators, Optional<BigDecimal> minCount,
                                      Optional<BigDecimal> maxCount, Set<PurchaseOption> options,
                                      Optional<BigDecimal> maxHourly) {
        return new OfferFilter(providers, Set.of(), accelerators, minCount, maxCount, Optional.empty(), Optional.empty(),
                options, maxHourly, Optional.empty(), Set.of(), List.of());
    }

    private static PriceOffer offer(long id, long version, String provider, String accelerator, String count,
                                    String option, String hourly) {
        return new PriceOffer(id, version, provider, "r1", accelerator, count == null ? null : new BigDecimal(count),
                new BigDecimal("8"), new BigDecimal("32"), option, new BigDecimal(hourly));
    }

    private final Map<Long, List<PriceOffer>> book = Map.of(
            1L, List.of(
                    offer(1, 1, "aws", "nvidia-t4", "1", "ON_DEMAND", "0.5260"),
                    offer(2, 1, "aws", "nvidia-t4", "4", "ON_DEMAND", "1.8000"),    // 0.45 per T4: cheapest
                    offer(3, 1, "aws", "nvidia-t4", "1", "SPOT", "0.1500"),
                    offer(4, 1, "aws", null, null, "ON_DEMAND", "0.0100"),          // CPU only: never listed
                    offer(5, 1, "aws", "nvidia-a10g", "1", "ON_DEMAND", "1.0060")),
            2L, List.of(
                    offer(10, 2, "gcp", "nvidia-t4", "1", "ON_DEMAND", "0.4500"),   // ties aws at 0.45: higher id
                    offer(11, 2, "gcp", "nvidia-a10g", "1", "ON_DEMAND", "0.9000")));

    private final AtomicInteger loads = new AtomicInteger();

    private void load(long version, java.util.function.Consumer<PriceOffer> sink) {
        loads.incrementAndGet();
        book.get(version).forEach(sink);
    }

    @Test
    void cheapestPerAcceleratorAcrossVersionsWithTiesToTheLowestId() {
        AcceleratorOffers offers = new AcceleratorOffers(4);
        List<PriceOffer> cheapest = offers.cheapestPerAccelerator(List.of(1L, 2L), ANY, this::load);
        assertEquals(List.of(11L, 3L), cheapest.stream().map(PriceOffer::id).toList(),
                "a10g from gcp at 0.90; the spot T4 at 0.15 beats every on-demand one");
    }

    @Test
    void filterAppliesBeforeTheMinimumIsTaken() {
        AcceleratorOffers offers = new AcceleratorOffers(4);
        OfferFilter onDemand = filter(Set.of(), Set.of(), Optional.empty(), Optional.empty(),
                Set.of(PurchaseOption.ON_DEMAND), Optional.empty());
        assertEquals(List.of(11L, 2L), offers.cheapestPerAccelerator(List.of(1L, 2L), onDemand, this::load).stream()
                .map(PriceOffer::id).toList(), "T4 tie at 0.45 goes to the lower id (aws 4×T4)");
        OfferFilter twoOrMore = filter(Set.of(), Set.of(), Optional.of(new BigDecimal("2")), Optional.empty(),
                Set.of(PurchaseOption.ON_DEMAND), Optional.empty());
        assertEquals(List.of(2L), offers.cheapestPerAccelerator(List.of(1L, 2L), twoOrMore, this::load).stream()
                .map(PriceOffer::id).toList(), "at least two accelerators: only the 4×T4 offer");
        OfferFilter awsOnly = filter(Set.of("aws"), Set.of(), Optional.empty(), Optional.empty(), Set.of(),
                Optional.empty());
        assertEquals(List.of(5L, 3L), offers.cheapestPerAccelerator(List.of(1L, 2L), awsOnly, this::load).stream()
                .map(PriceOffer::id).toList(), "aws: its a10g at 1.006 and its spot T4");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> offers.cheapestPerAccelerator(
                List.of(1L), filter(Set.of(), Set.of(), Optional.empty(), Optional.empty(), Set.of(),
                        Optional.of(BigDecimal.ONE)), this::load), "held per group: a price ceiling cannot be answered");
    }

    @Test
    void onlyTheCheapestOfEachAcceleratorRegionOptionKindAndCountIsHeld() {
        List<PriceOffer> many = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(offer(100 + i, 3, "gen", "nvidia-l4", "1", "ON_DEMAND", "2." + (1000 + i)));
        }
        many.add(offer(99, 3, "gen", "nvidia-l4", "2", "ON_DEMAND", "9.00"));
        AcceleratorOffers offers = new AcceleratorOffers(4);
        offers.cheapestPerAccelerator(List.of(3L), ANY, (v, sink) -> many.forEach(sink));
        assertEquals(List.of(100L), offers.cheapestPerAccelerator(List.of(3L), ANY, (v, sink) -> { }).stream()
                .map(PriceOffer::id).toList());
        assertEquals(List.of(99L), offers.cheapestPerAccelerator(List.of(3L), filter(Set.of(), Set.of(),
                Optional.of(new BigDecimal("2")), Optional.empty(), Set.of(), Optional.empty()), (v, sink) -> { })
                .stream().map(PriceOffer::id).toList(), "the 2 × L4 offer is its own group");
    }

    @Test
    void eachVersionIsLoadedOnceAndTheLeastRecentlyUsedIsDropped() {
        AcceleratorOffers offers = new AcceleratorOffers(1);
        offers.cheapestPerAccelerator(List.of(1L), ANY, this::load);
        offers.cheapestPerAccelerator(List.of(1L), ANY, this::load);
        assertEquals(1, loads.get());
        offers.cheapestPerAccelerator(List.of(2L), ANY, this::load);
        assertEquals(1, offers.heldVersions());
        offers.cheapestPerAccelerator(List.of(1L), ANY, this::load);
        assertEquals(3, loads.get(), "version 1 was dropped for version 2 and read again");
    }

    @Test
    void filterMatchesAsTheDatabaseQueriesDo() {
        PriceOffer cpu = offer(4, 1, "aws", null, null, "ON_DEMAND", "0.0100");
        OfferFilter none = filter(Set.of(), Set.of("none"), Optional.empty(), Optional.empty(), Set.of(),
                Optional.empty());
        OfferFilter minOne = filter(Set.of(), Set.of(), Optional.of(BigDecimal.ONE), Optional.empty(), Set.of(),
                Optional.empty());
        assertEquals(true, none.matches(cpu));
        assertEquals(false, minOne.matches(cpu), "a missing count never passes a bound, as NULL >= 1 in SQL");
    }

    @Test
    void severalValuesOfAFieldMatchAnyOfThemAndPartsOnlyWhenAskedFor() {
        OfferFilter t4OrA10g = filter(Set.of("aws", "gcp"), Set.of("nvidia-t4", "nvidia-a10g"), Optional.empty(),
                Optional.empty(), Set.of(PurchaseOption.ON_DEMAND, PurchaseOption.SPOT), Optional.empty());
        PriceOffer t4 = offer(1, 1, "aws", "nvidia-t4", "1", "SPOT", "0.15");
        assertEquals(true, t4OrA10g.matches(t4));
        assertEquals(false, t4OrA10g.matches(offer(6, 1, "azure", "nvidia-t4", "1", "SPOT", "0.15")));
        PriceOffer attachable = new PriceOffer(7, 1, "gcp", "r1", "z1", "", "ATTACHABLE_ACCELERATOR", "nvidia-t4",
                BigDecimal.ONE, null, null, null, null, "SPOT", new BigDecimal("0.10"), new BigDecimal("0.10"), null, null,
                "k", null, null, null, null, null, null, null, null, null);
        assertEquals(false, t4OrA10g.matches(attachable), "a part is not deployable: not listed by default");
        OfferFilter parts = new OfferFilter(Set.of(), Set.of(), Set.of(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Set.of(), Optional.empty(), Optional.empty(),
                dev.inferplan.pricing.pricelists.OfferKind.parseAll(List.of("PART")), List.of());
        assertEquals(true, parts.matches(attachable));
        assertEquals(false, parts.matches(t4));
    }
}
