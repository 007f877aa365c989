package dev.inferplan.gateway.upstreams;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Asks every service behind the gateway whether it is ready ({@code /health/ready}), all at once. */
@ApplicationScoped
public class UpstreamHealth {

    private final ServiceDirectory directory;
    private final HttpClient http;
    private final Duration timeout;

    @Inject
    public UpstreamHealth(ServiceDirectory directory,
                          @ConfigProperty(name = "gateway.upstream.timeout-ms") long timeoutMs) {
        this.directory = directory;
        this.timeout = Duration.ofMillis(timeoutMs);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public List<UpstreamStatus> check() {
        List<CompletableFuture<UpstreamStatus>> probes = new ArrayList<>();
        for (ServiceDirectory.Service service : directory.all()) {
            probes.add(CompletableFuture.supplyAsync(() -> probe(service)));
        }
        return probes.stream().map(CompletableFuture::join).toList();
    }

    private UpstreamStatus probe(ServiceDirectory.Service service) {
        HttpRequest request = HttpRequest.newBuilder(service.baseUri().resolve("/health/ready")).timeout(timeout).build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            boolean ready = response.statusCode() == 200;
            return new UpstreamStatus(service.name(), service.baseUri().toString(), List.of(service.prefixes()),
                    ready ? "UP" : "DOWN", ready ? "ready" : "/health/ready answered " + response.statusCode());
        } catch (IOException e) {
            return new UpstreamStatus(service.name(), service.baseUri().toString(), List.of(service.prefixes()),
                    "UNREACHABLE", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new UpstreamStatus(service.name(), service.baseUri().toString(), List.of(service.prefixes()),
                    "UNKNOWN", "interrupted");
        }
    }

    public record UpstreamStatus(String name, String uri, List<String> prefixes, String status, String detail) {
    }
}
