import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import dev.inferplan.contracts.grpc.catalog.CatalogServiceGrpc;
import dev.inferplan.contracts.grpc.catalog.ModelVersion;
import dev.inferplan.contracts.grpc.catalog.StreamModelVersionsRequest;
import dev.inferplan.platform.grpc.ServiceChannel;

/**
 * Times CatalogService.StreamModelVersions end to end (request to last message received) as the
 * recommender calls it: APPROVED only (the default), then every status. Warm-up runs first; then
 * min / median / max over the measured runs, with the count of versions and metrics received.
 *
 * java -cp 'catalog-service/target/libs/*' bench/StreamVersions.java http://localhost:PORT TOKEN [RUNS]
 */
public class StreamVersions {
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        if (!uri.getHost().equals("localhost") && !uri.getHost().startsWith("127.")) {
            throw new IllegalArgumentException("loopback targets only");
        }
        String token = args[1];
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        try (ServiceChannel channel = ServiceChannel.open(uri, () -> token)) {
            CatalogServiceGrpc.CatalogServiceBlockingStub stub = CatalogServiceGrpc.newBlockingStub(channel.channel());
            time("APPROVED", stub, StreamModelVersionsRequest.getDefaultInstance(), runs);
            time("all statuses", stub, StreamModelVersionsRequest.newBuilder().addStatuses("PROPOSED")
                    .addStatuses("IN_REVIEW").addStatuses("APPROVED").addStatuses("REJECTED").addStatuses("DEPRECATED").build(), runs);
        }
    }

    static void time(String name, CatalogServiceGrpc.CatalogServiceBlockingStub stub, StreamModelVersionsRequest request,
                     int runs) {
        List<Double> millis = new ArrayList<>();
        long versions = 0;
        long metrics = 0;
        for (int run = -3; run < runs; run++) {
            long start = System.nanoTime();
            versions = 0;
            metrics = 0;
            Iterator<ModelVersion> stream = stub.streamModelVersions(request);
            while (stream.hasNext()) {
                ModelVersion version = stream.next();
                versions++;
                metrics += version.getMetricsCount();
            }
            if (run >= 0) {
                millis.add((System.nanoTime() - start) / 1e6);
            }
        }
        Collections.sort(millis);
        System.out.printf("  stream %-13s %6d versions, %7d metrics: min %7.1f ms, median %7.1f ms, max %7.1f ms (%d runs)%n",
                name, versions, metrics, millis.getFirst(), millis.get(millis.size() / 2), millis.getLast(), millis.size());
    }
}
