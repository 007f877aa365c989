package dev.inferplan.pricing.offers;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.inferplan.contracts.pricing.PurchaseOption;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AcceleratorOffersTest {

    private static final OfferFilter ANY = new OfferFilter(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

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

    private List<PriceOffer> load(long version) {
        loads.incrementAndGet();
        return book.get(version);
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
        OfferFilter onDemand = new OfferFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(PurchaseOption.ON_DEMAND),
                Optional.empty(), Optional.empty());
        assertEquals(List.of(11L, 2L), offers.cheapestPerAccelerator(List.of(1L, 2L), onDemand, this::load).stream()
                .map(PriceOffer::id).toList(), "T4 tie at 0.45 goes to the lower id (aws 4×T4)");
        OfferFilter single = new OfferFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(BigDecimal.ONE), Optional.empty(), Optional.empty(), Optional.of(PurchaseOption.ON_DEMAND),
                Optional.empty(), Optional.empty());
        assertEquals(List.of(11L, 10L), offers.cheapestPerAccelerator(List.of(1L, 2L), single, this::load).stream()
                .map(PriceOffer::id).toList(), "at most one accelerator: the 4×T4 offer drops out");
        OfferFilter awsOnly = new OfferFilter(Optional.of("aws"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(new BigDecimal("1.0")),
                Optional.empty());
        assertEquals(List.of(3L), offers.cheapestPerAccelerator(List.of(1L, 2L), awsOnly, this::load).stream()
                .map(PriceOffer::id).toList(), "max hourly 1.00 excludes the a10g at 1.006");
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
        OfferFilter none = new OfferFilter(Optional.empty(), Optional.empty(), Optional.of("none"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        OfferFilter minOne = new OfferFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(BigDecimal.ONE), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        assertEquals(true, none.matches(cpu));
        assertEquals(false, minOne.matches(cpu), "a missing count never passes a bound, as NULL >= 1 in SQL");
    }
}
