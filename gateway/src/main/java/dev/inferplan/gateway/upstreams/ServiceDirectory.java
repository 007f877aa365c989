package dev.inferplan.gateway.upstreams;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Where each service behind the gateway lives ({@code inferplan.services.*}), and the API prefix it owns. */
@ApplicationScoped
public class ServiceDirectory {

    private final Map<String, Service> services = new LinkedHashMap<>();

    @Inject
    public ServiceDirectory(@ConfigProperty(name = "inferplan.services.catalog") URI catalog,
                            @ConfigProperty(name = "inferplan.services.pricing") URI pricing,
                            @ConfigProperty(name = "inferplan.services.recommender") URI recommender,
                            @ConfigProperty(name = "inferplan.services.runner") URI runner) {
        add(new Service("catalog-service", catalog, "/api/catalog", "/api/benchmarks"));
        add(new Service("pricing-service", pricing, "/api/pricing"));
        add(new Service("recommender-service", recommender, "/api/recommendations"));
        add(new Service("benchmark-runner", runner, "/api/runner"));
    }

    private void add(Service service) {
        services.put(service.name(), service);
    }

    /** The service owning a path: one of its prefixes, followed by the end or a '/'. */
    public Optional<Service> serviceFor(String path) {
        for (Service service : services.values()) {
            for (String prefix : service.prefixes()) {
                if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                    return Optional.of(service);
                }
            }
        }
        return Optional.empty();
    }

    public Iterable<Service> all() {
        return services.values();
    }

    /** A service and the path prefixes it serves (the gateway routes by prefix, without rewriting). */
    public record Service(String name, URI baseUri, String... prefixes) {
    }
}
