package dev.inferplan.k8s;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the production overlay adds: who may talk to whom, scaling, disruption budgets, the external database, the collector. */
class ProductionOverlayTest {

    private static final String RUNNER = "runner-gpu-g5";
    private static final Reachability.Outside INTERNET = Reachability.Outside.address("203.0.113.7");
    private static final Reachability.Outside MARIADB = Reachability.Outside.address("192.0.2.10");
    private static final Reachability.Outside KUBE_DNS = Reachability.Outside.pod("kube-system", Map.of("k8s-app", "kube-dns"));
    private static final Reachability.Outside PROMETHEUS = Reachability.Outside.pod("monitoring", Map.of("app", "prometheus"));
    private static final Reachability.Outside TRACING_BACKEND = Reachability.Outside.pod("observability", Map.of("app", "tempo"));
    private static final Reachability.Outside OTHER_NAMESPACE = Reachability.Outside.pod("team-a", Map.of("app", "notebook"));

    private static Overlay production() {
        return Overlay.rendered("production");
    }

    private static Reachability network() {
        return new Reachability(production(), "inferplan");
    }

    @ParameterizedTest(name = "{0} -> {1}:{2} {3}")
    @CsvSource(textBlock = """
            gateway,             catalog-service,     8081, allowed
            gateway,             pricing-service,     8082, allowed
            gateway,             recommender-service, 8083, allowed
            gateway,             runner-gpu-g5,       8084, allowed
            recommender-service, catalog-service,     8081, allowed
            recommender-service, pricing-service,     8082, allowed
            recommender-service, gateway,             8080, denied
            recommender-service, runner-gpu-g5,       8084, denied
            runner-gpu-g5,       catalog-service,     8081, allowed
            runner-cpu-c7i,      catalog-service,     8081, allowed
            runner-gpu-g5,       pricing-service,     8082, denied
            runner-gpu-g5,       recommender-service, 8083, denied
            runner-gpu-g5,       gateway,             8080, denied
            runner-gpu-g5,       runner-cpu-c7i,      8084, denied
            catalog-service,     pricing-service,     8082, allowed
            catalog-service,     recommender-service, 8083, allowed
            catalog-service,     gateway,             8080, denied
            catalog-service,     runner-gpu-g5,       8084, denied
            pricing-service,     catalog-service,     8081, denied
            pricing-service,     recommender-service, 8083, denied
            gateway,             catalog-service,     9999, denied
            gateway,             otel-collector,      4317, allowed
            catalog-service,     otel-collector,      4317, allowed
            pricing-service,     otel-collector,      4317, allowed
            recommender-service, otel-collector,      4317, allowed
            runner-gpu-g5,       otel-collector,      4317, allowed
            otel-collector,      catalog-service,     8081, denied
            """)
    void podsReachExactlyWhatTheirWorkNeeds(String from, String to, int port, String expected) {
        Reachability network = network();
        assertEquals(expected.equals("allowed"), network.allowedTcp(network.pod(from), network.pod(to), port));
    }

    @ParameterizedTest(name = "outside -> {0}:{1} {2}")
    @CsvSource(textBlock = """
            gateway,             8080, allowed
            catalog-service,     8081, denied
            pricing-service,     8082, denied
            recommender-service, 8083, denied
            runner-gpu-g5,       8084, denied
            otel-collector,      4317, denied
            """)
    void onlyTheGatewayIsReachableFromOutside(String to, int port, String expected) {
        Reachability network = network();
        assertEquals(expected.equals("allowed"), network.allowedTcp(INTERNET, network.pod(to), port), "from the internet");
        assertEquals(expected.equals("allowed"), network.allowedTcp(OTHER_NAMESPACE, network.pod(to), port), "from another namespace");
    }

    @ParameterizedTest(name = "{0} -> MariaDB {1}")
    @CsvSource(textBlock = """
            catalog-service,     allowed
            pricing-service,     allowed
            recommender-service, allowed
            gateway,             denied
            runner-gpu-g5,       denied
            otel-collector,      denied
            """)
    void theServicesThatOwnADatabaseReachMariaDb(String from, String expected) {
        Reachability network = network();
        assertEquals(expected.equals("allowed"), network.allowedTcp(network.pod(from), MARIADB, 3306));
    }

    @ParameterizedTest
    @CsvSource({"gateway", "catalog-service", "pricing-service", "recommender-service", "runner-cpu-c7i", "otel-collector"})
    void everyPodResolvesNamesButReachesNothingElseOutside(String from) {
        Reachability network = network();
        Reachability.Pod pod = network.pod(from);
        assertTrue(network.allowed(pod, KUBE_DNS, 53, "UDP") && network.allowed(pod, KUBE_DNS, 53, "TCP"), "DNS");
        assertFalse(network.allowedTcp(pod, INTERNET, 443), "the internet");
        assertFalse(network.allowedTcp(pod, OTHER_NAMESPACE, 8080), "another namespace");
        assertEquals(from.equals("otel-collector"), network.allowedTcp(pod, TRACING_BACKEND, 4317), "the tracing backend");
    }

    @ParameterizedTest
    @CsvSource({"gateway,8080", "catalog-service,8081", "pricing-service,8082", "recommender-service,8083", "runner-gpu-g5,8084"})
    void prometheusScrapesEveryService(String to, int port) {
        Reachability network = network();
        assertTrue(network.allowedTcp(PROMETHEUS, network.pod(to), port));
    }

    @Test
    void aDefaultDenyCoversEveryPodBothWays() {
        NetworkPolicy deny = production().get(NetworkPolicy.class, "default-deny");
        assertEquals(Map.of(), Objects.requireNonNullElse(deny.getSpec().getPodSelector().getMatchLabels(), Map.of()));
        assertEquals(List.of(), Objects.requireNonNullElse(deny.getSpec().getPodSelector().getMatchExpressions(), List.of()));
        assertEquals(List.of("Ingress", "Egress"), deny.getSpec().getPolicyTypes());
        assertTrue(Objects.requireNonNullElse(deny.getSpec().getIngress(), List.of()).isEmpty());
        assertTrue(Objects.requireNonNullElse(deny.getSpec().getEgress(), List.of()).isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"gateway", "recommender-service"})
    void theLoadTakingServicesScaleOnCpuAndLeaveTheirCountToTheAutoscaler(String name) {
        HorizontalPodAutoscaler hpa = production().get(HorizontalPodAutoscaler.class, name);
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertEquals(name, hpa.getSpec().getScaleTargetRef().getName());
        assertTrue(hpa.getSpec().getMinReplicas() >= 2 && hpa.getSpec().getMaxReplicas() > hpa.getSpec().getMinReplicas());
        assertEquals("cpu", hpa.getSpec().getMetrics().getFirst().getResource().getName());
        assertNull(production().get(Deployment.class, name).getSpec().getReplicas(), "an apply would reset the autoscaled count");
        assertEquals(List.of("gateway", "recommender-service"), production().all(HorizontalPodAutoscaler.class).stream()
                .map(h -> h.getMetadata().getName()).sorted().toList());
    }

    @Test
    void everyReplicatedDeploymentHasABudgetThatLetsADrainThroughAndSpreadsOverNodes() {
        Overlay overlay = production();
        for (Deployment d : overlay.all(Deployment.class)) {
            String name = d.getMetadata().getName();
            int minimum = overlay.find(HorizontalPodAutoscaler.class, name).map(h -> h.getSpec().getMinReplicas())
                    .orElse(Objects.requireNonNullElse(d.getSpec().getReplicas(), 1));
            List<PodDisruptionBudget> budgets = overlay.all(PodDisruptionBudget.class).stream()
                    .filter(b -> Overlay.matches(b.getSpec().getSelector(), d.getSpec().getTemplate().getMetadata().getLabels())).toList();
            if (name.startsWith("runner-")) {
                assertEquals(List.of(), budgets, name + ": a lone runner's budget would block every drain of its node");
                continue;
            }
            assertTrue(minimum >= 2, name + ": runs " + minimum + " replica(s)");
            assertEquals(1, budgets.size(), name + ": PodDisruptionBudgets");
            IntOrString maxUnavailable = budgets.getFirst().getSpec().getMaxUnavailable();
            IntOrString minAvailable = budgets.getFirst().getSpec().getMinAvailable();
            assertTrue(maxUnavailable != null ? maxUnavailable.getIntVal() >= 1 : minAvailable.getIntVal() < minimum,
                    name + ": the budget must let one pod go");
            var antiAffinity = d.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                    .getPreferredDuringSchedulingIgnoredDuringExecution();
            assertTrue(antiAffinity.stream().anyMatch(t -> t.getPodAffinityTerm().getTopologyKey().equals("kubernetes.io/hostname")
                    && Overlay.matches(t.getPodAffinityTerm().getLabelSelector(), d.getSpec().getTemplate().getMetadata().getLabels())),
                    name + ": replicas kept apart by host");
        }
    }

    @Test
    void theDatabaseIsExternal() {
        Overlay overlay = production();
        assertEquals(List.of(), overlay.all(StatefulSet.class));
        Service mariadb = overlay.get(Service.class, "mariadb");
        assertEquals("ExternalName", mariadb.getSpec().getType());
        assertFalse(mariadb.getSpec().getExternalName().isBlank());
        for (String service : List.of("catalog-service", "pricing-service", "recommender-service")) {
            Map<String, String> env = overlay.environment(overlay.workload(service).containers().getFirst());
            assertTrue(env.get("DB_URL").startsWith("jdbc:mariadb://mariadb:3306/inferplan_"), service + ": " + env.get("DB_URL"));
        }
    }

    @Test
    void everyServiceSendsItsTracesToTheCollectorOverOtlp() throws Exception {
        Overlay overlay = production();
        for (Overlay.Workload w : overlay.workloads()) {
            if (w.name().equals("otel-collector")) {
                continue;
            }
            Map<String, String> env = overlay.environment(w.containers().getFirst());
            assertEquals("otlp", env.get("OTEL_TRACES_EXPORTER"), w.name());
            assertEquals("http://otel-collector:4317", env.get("OTEL_EXPORTER_OTLP_ENDPOINT"), w.name());
        }
        Service collector = overlay.get(Service.class, "otel-collector");
        assertTrue(collector.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == 4317 && "otlp-grpc".equals(p.getTargetPort().getStrVal())));
        // the collector's own configuration listens where the Service sends, and exports traces
        var volume = overlay.workload("otel-collector").template().getSpec().getVolumes().getFirst();
        ConfigMap config = overlay.get(ConfigMap.class, volume.getConfigMap().getName());
        JsonNode otel = RunnerDeployments.YAML.readTree(config.getData().get("config.yaml"));
        assertTrue(otel.at("/receivers/otlp/protocols/grpc/endpoint").asString().endsWith(":4317"));
        assertEquals(List.of("otlp"), otel.at("/service/pipelines/traces/receivers").valueStream().map(JsonNode::asString).toList());
        assertFalse(otel.at("/service/pipelines/traces/exporters").isEmpty());
        assertTrue(otel.at("/service/extensions").valueStream().anyMatch(e -> e.asString().equals("health_check")),
                "the probes need the health_check extension");
    }

    @Test
    void theRunnersAreThePoolsOfProductionWithTheirGpus() {
        Overlay overlay = production();
        assertEquals(1, overlay.workload(RUNNER).containers().getFirst().getResources().getLimits().get("nvidia.com/gpu")
                .getNumericalAmount().intValue());
        assertEquals("NVIDIA-A10G", overlay.workload(RUNNER).template().getSpec().getNodeSelector().get("nvidia.com/gpu.product"));
    }
}
