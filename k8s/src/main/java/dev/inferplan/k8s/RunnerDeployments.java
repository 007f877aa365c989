package dev.inferplan.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Turns the runner template ({@code runners/runner-template.yaml}) and a list of pools into one
 * Deployment per pool. Everything the template says stays; per pool only the name, the pool's
 * labels and selector, replicas, the pool's environment, node selector, tolerations, resources
 * and, for GPU pools, the GPU limit, the driver capabilities and the CUDA image are set.
 */
public final class RunnerDeployments {

    public static final String CONTAINER = "benchmark-runner";
    public static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    public static final String POOL_LABEL = "inferplan.dev/runner-pool";
    public static final String DESCRIPTION_ANNOTATION = "inferplan.dev/pool-description";
    public static final String GPU_RESOURCE = "nvidia.com/gpu";
    /** GPU pools run the image of the same name with this suffix: a JRE plus the CUDA libraries. */
    public static final String CUDA_IMAGE_SUFFIX = "-cuda";

    static final YAMLMapper YAML = YAMLMapper.builder()
            // strings that read as numbers stay quoted: an annotation "8084" must not become a number
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES, YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS,
                    YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER, YAMLWriteFeature.SPLIT_LINES)
            .build();

    private final ObjectNode template;

    public RunnerDeployments(JsonNode template) {
        if (!(template instanceof ObjectNode object) || !"Deployment".equals(template.path("kind").asString(""))) {
            throw new IllegalArgumentException("the runner template must be one Deployment");
        }
        this.template = object;
        container(template.deepCopy());
    }

    /** The Deployment of one pool, as a tree in the template's key order. */
    public ObjectNode deployment(RunnerPool pool) {
        List<String> problems = pool.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("pool " + pool.name() + ": " + String.join("; ", problems));
        }
        ObjectNode deployment = template.deepCopy();
        ObjectNode metadata = deployment.withObjectProperty("metadata");
        metadata.put("name", pool.deploymentName());
        poolLabels(metadata.withObjectProperty("labels"), pool);
        if (pool.description() != null && !pool.description().isBlank()) {
            metadata.withObjectProperty("annotations").put(DESCRIPTION_ANNOTATION, pool.description());
        }
        ObjectNode spec = deployment.withObjectProperty("spec");
        spec.put("replicas", pool.replicaCount());
        spec.withObjectProperty("selector").withObjectProperty("matchLabels").put(INSTANCE_LABEL, pool.deploymentName());
        ObjectNode pod = spec.withObjectProperty("template");
        poolLabels(pod.withObjectProperty("metadata").withObjectProperty("labels"), pool);
        ObjectNode podSpec = pod.withObjectProperty("spec");
        ObjectNode selector = podSpec.withObjectProperty("nodeSelector");
        pool.nodeSelector().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> selector.put(e.getKey(), e.getValue()));
        if (selector.isEmpty()) {
            podSpec.remove("nodeSelector");
        }
        ArrayNode tolerations = podSpec.withArrayProperty("tolerations");
        pool.tolerations().forEach(t -> tolerations.add(YAML.valueToTree(t)));
        if (tolerations.isEmpty()) {
            podSpec.remove("tolerations");
        }

        ObjectNode container = container(deployment);
        ArrayNode env = container.withArrayProperty("env");
        List<JsonNode> templateEnv = new ArrayList<>();
        env.forEach(templateEnv::add);
        env.removeAll();
        env.addObject().put("name", "RUNNER_POOL_ID").put("value", pool.name());
        env.addObject().put("name", "RUNNER_POOL_INSTANCE_TYPES").put("value", String.join(",", pool.instanceTypes()));
        if (pool.gpus() > 0) {
            // the NVIDIA runtime mounts nvidia-smi (utility: the hardware probe) and the driver (compute)
            env.addObject().put("name", "NVIDIA_DRIVER_CAPABILITIES").put("value", "compute,utility");
            container.put("image", container.path("image").asString() + CUDA_IMAGE_SUFFIX);
        }
        templateEnv.forEach(env::add);

        ObjectNode resources = container.putObject("resources");
        for (String bound : List.of("requests", "limits")) {
            ObjectNode figures = resources.putObject(bound);
            figures.put("cpu", Integer.toString(pool.cpu()));
            figures.put("memory", pool.memory());
        }
        if (pool.gpus() > 0) {
            // extended resources are set under limits; the request defaults to the limit
            resources.withObjectProperty("limits").put(GPU_RESOURCE, pool.gpus());
        }
        return deployment;
    }

    /** The Deployments of every pool as one YAML stream, after a header comment. */
    public String render(List<RunnerPool> pools, String header) {
        List<String> problems = RunnerPool.problems(pools);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        StringBuilder out = new StringBuilder(header);
        for (RunnerPool pool : pools) {
            out.append("---\n").append(YAML.writeValueAsString(deployment(pool)));
        }
        return out.toString();
    }

    private static void poolLabels(ObjectNode labels, RunnerPool pool) {
        labels.put(INSTANCE_LABEL, pool.deploymentName());
        labels.put(POOL_LABEL, pool.name());
    }

    private static ObjectNode container(JsonNode deployment) {
        JsonNode containers = deployment.path("spec").path("template").path("spec").path("containers");
        if (containers.size() != 1 || !CONTAINER.equals(containers.get(0).path("name").asString(""))) {
            throw new IllegalArgumentException("the runner template must have exactly one container, named " + CONTAINER);
        }
        return (ObjectNode) containers.get(0);
    }
}
