package dev.inferplan.catalog.drift;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.inferplan.contracts.grpc.common.Money;
import dev.inferplan.contracts.grpc.pricing.ListPriceBookEventsRequest;
import dev.inferplan.contracts.grpc.pricing.ListPriceBookEventsResponse;
import dev.inferplan.contracts.grpc.pricing.OfferFilter;
import dev.inferplan.contracts.grpc.pricing.OfferKey;
import dev.inferplan.contracts.grpc.pricing.PriceBookEvent;
import dev.inferplan.contracts.grpc.pricing.PriceOffer;
import dev.inferplan.contracts.grpc.pricing.PricingServiceGrpc;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real gRPC server serving the contract's {@code PricingService} calls the drift watch makes
 * (ListPriceBookEvents, StreamOffers by price-book versions, GetOffer), with the events and offers a
 * test puts in it; points {@code pricing.grpc.uri} at itself before the container starts.
 */
public final class FakePricing implements BeforeAllCallback, AfterAllCallback {

    static final List<PriceBookEvent> EVENTS = new CopyOnWriteArrayList<>();
    /** "version/provider/region/instanceType/option" → hourly USD. */
    static final Map<String, String> OFFERS = new ConcurrentHashMap<>();
    /** "provider/region/instanceType/option" → hourly USD now. */
    static final Map<String, String> CURRENT = new ConcurrentHashMap<>();
    private static Server server;

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create()).addService(new Service()).build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("pricing.grpc.uri", "http://127.0.0.1:" + server.getPort());
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        System.clearProperty("pricing.grpc.uri");
    }

    static void offer(long version, String provider, String region, String type, String hourly) {
        OFFERS.put(version + "/" + provider + "/" + region + "/" + type + "/ON_DEMAND", hourly);
    }

    static void now(String provider, String region, String type, String hourly) {
        CURRENT.put(provider + "/" + region + "/" + type + "/ON_DEMAND", hourly);
    }

    static void event(String provider, long version, long previous) {
        EVENTS.add(PriceBookEvent.newBuilder().setPosition(EVENTS.size() + 1).setType("PRICE_BOOK_CHANGED")
                .setProvider(provider).setPriceBookVersion(version).setPreviousVersion(previous).build());
    }

    private static PriceOffer offer(String provider, String region, String type, String option, String hourly, long version) {
        return PriceOffer.newBuilder().setProvider(provider).setRegion(region).setInstanceType(type)
                .setPurchaseOption(option).setHourlyUsd(Money.newBuilder().setUsd(hourly)).setPriceBookVersion(version)
                .setOfferKind("INSTANCE").build();
    }

    private static final class Service extends PricingServiceGrpc.PricingServiceImplBase {
        @Override
        public void listPriceBookEvents(ListPriceBookEventsRequest request,
                                        StreamObserver<ListPriceBookEventsResponse> response) {
            List<PriceBookEvent> after = EVENTS.stream().filter(e -> e.getPosition() > request.getAfterPosition())
                    .limit(request.getLimit() == 0 ? 100 : request.getLimit()).toList();
            response.onNext(ListPriceBookEventsResponse.newBuilder().addAllEvents(after)
                    .setPosition(after.isEmpty() ? request.getAfterPosition() : after.getLast().getPosition()).build());
            response.onCompleted();
        }

        @Override
        public void streamOffers(OfferFilter filter, StreamObserver<PriceOffer> response) {
            OFFERS.forEach((key, hourly) -> {
                String[] k = key.split("/");
                long version = Long.parseLong(k[0]);
                if (filter.getPriceBookVersionsList().contains(version) && filter.getProvidersList().contains(k[1])
                        && filter.getRegionsList().contains(k[2]) && filter.getPurchaseOptionsList().contains(k[4])) {
                    response.onNext(offer(k[1], k[2], k[3], k[4], hourly, version));
                }
            });
            response.onCompleted();
        }

        @Override
        public void getOffer(OfferKey key, StreamObserver<PriceOffer> response) {
            String hourly = CURRENT.get(key.getProvider() + "/" + key.getRegion() + "/" + key.getInstanceType() + "/"
                    + key.getPurchaseOption());
            if (hourly == null) {
                response.onError(Status.NOT_FOUND.withDescription("no such offer").asRuntimeException());
                return;
            }
            response.onNext(offer(key.getProvider(), key.getRegion(), key.getInstanceType(), key.getPurchaseOption(),
                    hourly, 99));
            response.onCompleted();
        }
    }
}
