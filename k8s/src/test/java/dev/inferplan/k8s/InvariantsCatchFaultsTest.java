package dev.inferplan.k8s;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each rule of {@link Invariants} finds the fault planted for it in {@code broken-production} (the
 * production overlay with patches that break it), so a check that passes on the real overlays is
 * known to be able to fail.
 */
class InvariantsCatchFaultsTest {

    private static Overlay broken() {
        return Overlay.renderedAt("broken-production", Overlay.K8S.resolve("src/test/resources/broken-production"));
    }

    @ParameterizedTest(name = "{0} finds: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            everyObjectIsInTheNamespace                                           | Service orphan: outside namespace inferplan
            everyContainerHasProbesOnItsHealthEndpointsAndResources               | Deployment catalog-service/catalog-service: needs startup, liveness and readiness probes
            everyContainerRunsNonRootOnAReadOnlyRootFilesystemSaveTheRunnersException | Deployment pricing-service/pricing-service: must run as a numeric non-root user with runAsNonRoot (user 0)
            everyContainerRunsNonRootOnAReadOnlyRootFilesystemSaveTheRunnersException | Deployment runner-cpu-c7i/benchmark-runner: a runner runs as user 0 with SYS_NICE alone (ADR 0007), not user 0 with [SYS_NICE, NET_ADMIN]
            ourJvmsHaveAWritableTmpAndWorkingDirectory                            | pricing-service: no writable /tmp on a read-only root filesystem
            everyDeploymentShutsDownGracefully                                    | gateway: no preStop pause for the endpoint removal to spread
            oneRunnerDeploymentPerDeclaredPoolLandingOnThatPoolsHardware          | runner-cpu-m7i: pool cpu-m7i is declared but has no runner Deployment
            oneRunnerDeploymentPerDeclaredPoolLandingOnThatPoolsHardware          | runner-gpu-g6: nvidia.com/gpu: expected 2, is 1
            runnersAreKilledNoSoonerThanTheirLeaseExpires                         | runner-cpu-c7i: terminationGracePeriodSeconds 30 is not the catalog's lease timeout 60
            onlyTheGatewayIsReachableFromOutsideTheCluster                        | Ingress pricing: routes to pricing-service; only the gateway may be exposed
            onlyTheGatewayIsReachableFromOutsideTheCluster                        | Service catalog-service: exposed as NodePort; only the gateway's Ingress may be
            everyNetworkPolicySelectsExistingPods                                 | NetworkPolicy stale: selects no pod
            everyNetworkPolicySelectsExistingPods                                 | NetworkPolicy stale: a rule names pods that do not exist
            everyServiceSelectsPodsThatHaveItsTargetPort                          | Service orphan selects no pod
            everyConfigMapAndSecretReferencedExists                               | Deployment recommender-service: ConfigMap no-such-config does not exist
            everyConfigMapAndSecretReferencedExists                               | Deployment recommender-service: Secret inferplan-db declares no key pasword in secrets.example.yaml
            passwordsTokensAndKeysComeFromSecrets                                 | recommender-service: RUNNER_CATALOG_TOKEN is set in plain configuration
            everyServiceAddressInTheConfigurationNamesAServiceAndItsPort          | INFERPLAN_SERVICES_PRICING=http://pricing:8082: no Service pricing
            everyImageIsTagged                                                    | otel-collector: otel/opentelemetry-collector-contrib:latest: needs a tag other than latest, or a digest
            """)
    void eachRuleFindsTheFaultPlantedForIt(String rule, String fault) throws Exception {
        @SuppressWarnings("unchecked")
        List<String> faults = (List<String>) Invariants.class.getDeclaredMethod(rule, Overlay.class).invoke(null, broken());
        assertTrue(faults.stream().anyMatch(f -> f.contains(fault)), rule + " should find \"" + fault + "\", found: " + faults);
    }

    @Test
    void everyRuleIsProvedToFail() {
        List<String> rules = java.util.Arrays.stream(Invariants.class.getDeclaredMethods())
                .filter(m -> m.getParameterCount() == 1 && m.getParameterTypes()[0] == Overlay.class && m.getReturnType() == List.class)
                .map(java.lang.reflect.Method::getName).sorted().toList();
        List<String> proved = java.util.Arrays.stream(InvariantsCatchFaultsTest.class.getDeclaredMethods())
                .filter(m -> m.getName().equals("eachRuleFindsTheFaultPlantedForIt")).findFirst()
                .map(m -> m.getAnnotation(CsvSource.class).textBlock().lines().map(l -> l.split("\\|")[0].trim())
                        .filter(l -> !l.isEmpty()).distinct().sorted().toList())
                .orElseThrow();
        assertEquals(rules, proved, "every rule of Invariants needs a planted fault here");
    }

    @Test
    void theRealOverlaysAreNotTheBrokenOne() throws IOException {
        // the fixture must differ where it claims to: the production overlay has none of these faults
        assertEquals(List.of(), Invariants.everyDeploymentShutsDownGracefully(Overlay.rendered("production")));
        assertTrue(Invariants.everyDeploymentShutsDownGracefully(broken()).size() == 1);
    }
}
