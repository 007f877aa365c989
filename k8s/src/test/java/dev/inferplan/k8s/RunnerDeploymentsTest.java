package dev.inferplan.k8s;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunnerDeploymentsTest {

    private static final RunnerPool CPU = new RunnerPool("cpu-c7i", "AWS c7i.2xlarge", List.of("aws/c7i.2xlarge", "aws/c7i.4xlarge"),
            Map.of("node.kubernetes.io/instance-type", "c7i.2xlarge"), List.of(), 0, 6, "12Gi", null);
    private static final RunnerPool GPU = new RunnerPool("gpu-g5", null, List.of("aws/g5.xlarge"),
            Map.of("nvidia.com/gpu.product", "NVIDIA-A10G", "node.kubernetes.io/instance-type", "g5.xlarge"),
            List.of(Map.of("key", "nvidia.com/gpu", "operator", "Exists", "effect", "NoSchedule")), 2, 3, "12Gi", 3);

    private static JsonNode template() throws IOException {
        return RunnerDeployments.YAML.readTree(Overlay.K8S.resolve(RunnerFiles.TEMPLATE).toFile());
    }

    @Test
    void aCpuPoolGetsItsNameLabelsSelectorEnvironmentNodesAndWholeCpus() throws IOException {
        ObjectNode d = new RunnerDeployments(template()).deployment(CPU);
        assertEquals("runner-cpu-c7i", d.at("/metadata/name").asString());
        assertEquals("cpu-c7i", d.at("/metadata/labels/inferplan.dev~1runner-pool").asString());
        assertEquals("AWS c7i.2xlarge", d.at("/metadata/annotations/inferplan.dev~1pool-description").asString());
        assertEquals("runner-cpu-c7i", d.at("/spec/selector/matchLabels/app.kubernetes.io~1instance").asString());
        assertEquals("runner-cpu-c7i", d.at("/spec/template/metadata/labels/app.kubernetes.io~1instance").asString());
        assertEquals("cpu-c7i", d.at("/spec/template/metadata/labels/inferplan.dev~1runner-pool").asString());
        assertEquals(1, d.at("/spec/replicas").asInt());
        assertEquals("c7i.2xlarge", d.at("/spec/template/spec/nodeSelector/node.kubernetes.io~1instance-type").asString());
        JsonNode container = d.at("/spec/template/spec/containers/0");
        assertEquals(List.of("RUNNER_POOL_ID=cpu-c7i", "RUNNER_POOL_INSTANCE_TYPES=aws/c7i.2xlarge,aws/c7i.4xlarge",
                "RUNNER_CATALOG_TOKEN=(secret inferplan-runner/token)"), env(container));
        assertEquals(RunnerDeployments.YAML.readTree("{requests: {cpu: '6', memory: 12Gi}, limits: {cpu: '6', memory: 12Gi}}"),
                container.get("resources"));
        assertEquals("inferplan/benchmark-runner", container.get("image").asString());
        // the template's toleration of the dedicated-node taint only
        assertEquals(1, d.at("/spec/template/spec/tolerations").size());
    }

    @Test
    void aGpuPoolGetsItsGpusAsALimitTheCudaImageTheDriverAndItsTolerations() throws IOException {
        ObjectNode d = new RunnerDeployments(template()).deployment(GPU);
        JsonNode container = d.at("/spec/template/spec/containers/0");
        assertEquals(2, container.at("/resources/limits/nvidia.com~1gpu").asInt());
        assertTrue(container.at("/resources/requests/nvidia.com~1gpu").isMissingNode(), "a GPU is requested by its limit");
        assertEquals("inferplan/benchmark-runner-cuda", container.get("image").asString());
        assertTrue(env(container).contains("NVIDIA_DRIVER_CAPABILITIES=compute,utility"), env(container).toString());
        assertEquals(List.of("inferplan.dev/runner-pool", "nvidia.com/gpu"),
                d.at("/spec/template/spec/tolerations").valueStream().map(t -> t.get("key").asString()).toList());
        assertEquals(3, d.at("/spec/replicas").asInt());
        assertFalse(d.at("/metadata/annotations").has(RunnerDeployments.DESCRIPTION_ANNOTATION));
    }

    @Test
    void everythingElseIsTheTemplates() throws IOException {
        JsonNode template = template();
        ObjectNode d = new RunnerDeployments(template).deployment(GPU);
        for (String path : List.of("/spec/strategy", "/spec/template/spec/securityContext", "/spec/template/spec/affinity",
                "/spec/template/spec/terminationGracePeriodSeconds", "/spec/template/spec/volumes",
                "/spec/template/spec/containers/0/securityContext", "/spec/template/spec/containers/0/livenessProbe",
                "/spec/template/spec/containers/0/readinessProbe", "/spec/template/spec/containers/0/startupProbe",
                "/spec/template/spec/containers/0/lifecycle", "/spec/template/spec/containers/0/envFrom",
                "/spec/template/spec/containers/0/volumeMounts", "/spec/template/metadata/annotations")) {
            assertEquals(template.at(path), d.at(path), path);
            assertFalse(d.at(path).isMissingNode(), path);
        }
    }

    @Test
    void aPoolWithoutNodeSelectorGetsNone() throws IOException {
        RunnerPool local = new RunnerPool("local-cpu", null, List.of("onprem/local"), Map.of(), List.of(), 0, 2, "3Gi", null);
        assertTrue(new RunnerDeployments(template()).deployment(local).at("/spec/template/spec/nodeSelector").isMissingNode());
    }

    @Test
    void aTemplateThatIsNotOneRunnerDeploymentIsRefused() throws IOException {
        ObjectNode notRunner = (ObjectNode) template();
        ((ObjectNode) notRunner.at("/spec/template/spec/containers/0")).put("name", "sidecar");
        assertThrows(IllegalArgumentException.class, () -> new RunnerDeployments(notRunner));
        assertThrows(IllegalArgumentException.class, () -> new RunnerDeployments(RunnerDeployments.YAML.readTree("kind: Service")));
    }

    @Test
    void anInvalidPoolListIsRefusedWithEveryProblem() throws IOException {
        RunnerDeployments generator = new RunnerDeployments(template());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> generator.render(List.of(CPU, CPU, RunnerPoolTest.pool("Bad")), "# header\n"));
        assertEquals(2, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void theStreamHoldsOneDeploymentPerPoolAfterTheHeader() throws IOException {
        String yaml = new RunnerDeployments(template()).render(List.of(CPU, GPU), "# header\n");
        assertTrue(yaml.startsWith("# header\n---\n"), yaml);
        assertEquals(List.of("runner-cpu-c7i", "runner-gpu-g5"), KubernetesObjects.parse(yaml).stream()
                .map(o -> o.getMetadata().getName()).toList());
        // numbers meant as strings stay strings (an annotation must be one)
        assertTrue(yaml.contains("prometheus.io/port: \"8084\""), yaml);
    }

    private static List<String> env(JsonNode container) {
        List<String> env = new ArrayList<>();
        container.get("env").forEach(e -> env.add(e.get("name").asString() + "=" + (e.has("value") ? e.get("value").asString()
                : "(secret " + e.at("/valueFrom/secretKeyRef/name").asString() + "/" + e.at("/valueFrom/secretKeyRef/key").asString() + ")")));
        return env;
    }
}
