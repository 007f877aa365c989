package dev.inferplan.pricing.grpc;

import dev.inferplan.contracts.grpc.pricing.FxRate;
import dev.inferplan.contracts.grpc.pricing.ListFxRatesRequest;
import dev.inferplan.contracts.grpc.pricing.ListFxRatesResponse;
import dev.inferplan.contracts.grpc.pricing.PricingServiceGrpc;
import dev.inferplan.platform.grpc.GrpcAuthentication;
import dev.inferplan.platform.security.Roles;
import dev.inferplan.pricing.fx.FxRates;

import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The recommender's gRPC view of the price book: an adapter over the same domain methods as the
 * REST resources. Methods not yet served answer UNIMPLEMENTED (grpc-java's default).
 */
@ApplicationScoped
public class PricingGrpcService implements PricingServiceGrpc.AsyncService, BindableService {

    private final FxRates fxRates;
    private final GrpcAuthentication authentication;

    @Inject
    public PricingGrpcService(FxRates fxRates, GrpcAuthentication authentication) {
        this.fxRates = fxRates;
        this.authentication = authentication;
    }

    @Override
    public ServerServiceDefinition bindService() {
        return ServerInterceptors.intercept(PricingServiceGrpc.bindService(this),
                authentication.requireAnyRole(Roles.VIEWER, Roles.TEAM, Roles.REVIEWER, Roles.ADMIN, Roles.RUNNER));
    }

    @Override
    public void listFxRates(ListFxRatesRequest request, StreamObserver<ListFxRatesResponse> response) {
        ListFxRatesResponse.Builder rates = ListFxRatesResponse.newBuilder();
        fxRates.list().forEach(rate -> rates.addRates(FxRate.newBuilder()
                .setCurrency(rate.currency())
                .setUsdPerUnit(rate.usdPerUnit().stripTrailingZeros().toPlainString())
                .setUpdatedAtEpochMs(rate.updatedAt().toEpochMilli())));
        response.onNext(rates.build());
        response.onCompleted();
    }
}
