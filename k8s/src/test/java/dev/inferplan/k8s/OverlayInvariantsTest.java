package dev.inferplan.k8s;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.fail;

/** Every overlay keeps every rule of {@link Invariants}: rendered by kubectl kustomize, parsed strictly. */
class OverlayInvariantsTest {

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyObjectIsInTheNamespace(String overlay) throws IOException {
        assertNoFaults(overlay, Invariants.everyObjectIsInTheNamespace(Overlay.rendered(overlay)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyContainerHasProbesOnItsHealthEndpointsAndResources(String overlay) throws IOException {
        assertNoFaults(overlay, Invariants.everyContainerHasProbesOnItsHealthEndpointsAndResources(Overlay.rendered(overlay)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyContainerRunsNonRootOnAReadOnlyRootFilesystemSaveTheRunnersException(String overlay) throws IOException {
        assertNoFaults(overlay, Invariants.everyContainerRunsNonRootOnAReadOnlyRootFilesystemSaveTheRunnersException(Overlay.rendered(overlay)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void ourJvmsHaveAWritableTmpAndWorkingDirectory(String overlay) throws IOException {
        assertNoFaults(overlay, Invariants.ourJvmsHaveAWritableTmpAndWorkingDirectory(Overlay.rendered(overlay)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyDeploymentShutsDownGracefully(String overlay) throws IOException {
        assertNoFaults(overlay, Invariants.everyDeploymentShutsDownGracefully(Overlay.rendered(overlay)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void oneRunnerDeploymentPerDeclaredPoolLandingOnThatPoolsHardware(String overlay) throws IOException {
        assertNoFaults(overlay, Invariants.oneRunnerDeploymentPerDeclaredPoolLandingOnThatPoolsHardware(Overlay.rendered(overlay)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void runnersAreKilledNoSoonerThanTheirLeaseExpires(String overlay) throws IOException {
        assertNoFaults(overlay, Invariants.runnersAreKilledNoSoonerThanTheirLeaseExpires(Overlay.rendered(overlay)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void onlyTheGatewayIsReachableFromOutsideTheCluster(String overlay) throws IOException {
        assertNoFaults(overlay, Invariants.onlyTheGatewayIsReachableFromOutsideTheCluster(Overlay.rendered(overlay)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyNetworkPolicySelectsExistingPods(String overlay) throws IOException {
        assertNoFaults(overlay, Invariants.everyNetworkPolicySelectsExistingPods(Overlay.rendered(overlay)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyServiceSelectsPodsThatHaveItsTargetPort(String overlay) throws IOException {
        assertNoFaults(overlay, Invariants.everyServiceSelectsPodsThatHaveItsTargetPort(Overlay.rendered(overlay)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyConfigMapAndSecretReferencedExists(String overlay) throws IOException {
        assertNoFaults(overlay, Invariants.everyConfigMapAndSecretReferencedExists(Overlay.rendered(overlay)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void passwordsTokensAndKeysComeFromSecrets(String overlay) throws IOException {
        assertNoFaults(overlay, Invariants.passwordsTokensAndKeysComeFromSecrets(Overlay.rendered(overlay)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyServiceAddressInTheConfigurationNamesAServiceAndItsPort(String overlay) throws IOException {
        assertNoFaults(overlay, Invariants.everyServiceAddressInTheConfigurationNamesAServiceAndItsPort(Overlay.rendered(overlay)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyImageIsTagged(String overlay) throws IOException {
        assertNoFaults(overlay, Invariants.everyImageIsTagged(Overlay.rendered(overlay)));
    }

    static void assertNoFaults(String overlay, List<String> faults) {
        if (!faults.isEmpty()) {
            fail(overlay + ":\n  " + String.join("\n  ", faults));
        }
    }
}
