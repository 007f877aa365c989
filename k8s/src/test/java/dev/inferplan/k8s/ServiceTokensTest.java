package dev.inferplan.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Container;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls no user makes carry the service's own token: the catalog's drift watch calling pricing, the
 * recommender's start-up snapshot load. In Kubernetes each token comes from its Secret as an environment
 * variable, which MicroProfile Config reads as the property the service's code names.
 */
class ServiceTokensTest {

    @ParameterizedTest
    @CsvSource({
            "local, catalog-service, CATALOG_SERVICE_TOKEN, inferplan-catalog, PRICING_GRPC_URI, http://pricing-service:8082",
            "production, catalog-service, CATALOG_SERVICE_TOKEN, inferplan-catalog, PRICING_GRPC_URI, http://pricing-service:8082",
            "local, recommender-service, RECOMMENDER_SERVICE_TOKEN, inferplan-recommender, CATALOG_GRPC_URI, http://catalog-service:8081",
            "production, recommender-service, RECOMMENDER_SERVICE_TOKEN, inferplan-recommender, CATALOG_GRPC_URI, http://catalog-service:8081"})
    void eachServiceGetsItsTokenFromItsDeclaredSecret(String overlayName, String service, String variable, String secret,
                                                     String upstreamVariable, String upstream) {
        Overlay overlay = Overlay.rendered(overlayName);
        Container container = overlay.workload(service).containers().getFirst();
        Map<String, String> env = overlay.environment(container);
        assertEquals("secret:" + secret + "/token", env.get(variable), overlayName);
        // the caller is wired: it has the address to call with the token
        assertEquals(upstream, env.get(upstreamVariable), overlayName);
        assertEquals(Set.of("token"), DeclaredSecrets.read().get(secret),
                secret + " is declared in " + DeclaredSecrets.FILE + " with its one key");
    }

    @ParameterizedTest
    @CsvSource({
            "catalog.service-token, CATALOG_SERVICE_TOKEN, catalog-service/src/main/java/dev/inferplan/catalog/drift/PricingClient.java",
            "recommender.service-token, RECOMMENDER_SERVICE_TOKEN, recommender-service/src/main/java/dev/inferplan/recommender/snapshots/SnapshotWarmUp.java"})
    void theVariableIsThePropertyTheServiceReads(String property, String variable, String source) throws IOException {
        // MicroProfile Config's environment rule: every character other than a letter or digit becomes _, upper case
        assertEquals(variable, property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
        Path code = Overlay.K8S.resolveSibling(source);
        assertTrue(Files.readString(code).contains("@ConfigProperty(name = \"" + property + "\")"),
                "the service reads its token from " + property + " (" + code + ")");
    }
}
