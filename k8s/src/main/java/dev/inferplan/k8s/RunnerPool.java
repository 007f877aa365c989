package dev.inferplan.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of an overlay's {@code pools.yaml}: a hardware pool, and what its runner Deployment
 * needs to land on exactly that hardware and to be priced as it.
 *
 * @param name          the pool id the catalog knows ({@code RUNNER_POOL_ID}); the Deployment is
 *                      {@code runner-<name>}, so a DNS label of at most 56 characters
 * @param description   what the hardware is, for people (an annotation); optional
 * @param instanceTypes {@code provider/instance-type} the pool stands for; at least one
 * @param nodeSelector  node labels that select the pool's nodes; empty only for a one-node cluster
 * @param tolerations   tolerations besides the template's, as Kubernetes spells them
 * @param gpus          NVIDIA GPUs per runner ({@code nvidia.com/gpu}); above 0 the CUDA image runs
 * @param cpu           whole CPUs, requested and limited alike (Guaranteed QoS, exclusive cores)
 * @param memory        memory requested and limited alike, a Kubernetes quantity ({@code 12Gi})
 * @param replicas      runners of this pool, one per node; absent means 1
 */
public record RunnerPool(String name, String description, List<String> instanceTypes, Map<String, String> nodeSelector,
                         List<Map<String, Object>> tolerations, int gpus, int cpu, String memory, Integer replicas) {

    private static final int NAME_MAX = 63 - "runner-".length();
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern INSTANCE_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._:-]*");
    private static final Pattern MEMORY = Pattern.compile("[1-9][0-9]*(Ki|Mi|Gi|Ti|k|M|G|T)");

    public RunnerPool {
        instanceTypes = instanceTypes == null ? List.of() : List.copyOf(instanceTypes);
        nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
        tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
    }

    public String deploymentName() {
        return "runner-" + name;
    }

    public int replicaCount() {
        return replicas == null ? 1 : replicas;
    }

    /** What is wrong with this entry, each naming its field; empty when it is valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches() || name.length() > NAME_MAX) {
            problems.add("name: " + (name == null ? "missing" : "'" + name + "'")
                    + " must be lowercase letters, digits and '-', at most " + NAME_MAX + " characters");
        }
        if (instanceTypes.isEmpty()) {
            problems.add("instanceTypes: at least one provider/instance-type (how the pool's results are priced)");
        }
        instanceTypes.stream().filter(t -> t == null || !INSTANCE_TYPE.matcher(t).matches())
                .forEach(t -> problems.add("instanceTypes: '" + t + "' is not provider/instance-type, e.g. aws/g5.xlarge"));
        nodeSelector.forEach((key, value) -> {
            if (key == null || key.isBlank() || value == null) {
                problems.add("nodeSelector: '" + key + "' needs a label and a value");
            }
        });
        tolerations.stream().filter(t -> !t.containsKey("key") && !"Exists".equals(t.get("operator")))
                .forEach(t -> problems.add("tolerations: " + t + " names no key (only operator: Exists may omit it)"));
        if (gpus < 0) {
            problems.add("gpus: " + gpus + " is negative");
        }
        if (cpu < 1) {
            problems.add("cpu: " + cpu + " must be a whole number of CPUs, at least 1");
        }
        if (memory == null || !MEMORY.matcher(memory).matches()) {
            problems.add("memory: " + (memory == null ? "missing" : "'" + memory + "'") + " must be a quantity such as 12Gi");
        }
        if (replicas != null && replicas < 1) {
            problems.add("replicas: " + replicas + " must be at least 1");
        }
        return problems;
    }

    /** Checks a whole list: each entry, and that no two pools share a name. */
    public static List<String> problems(List<RunnerPool> pools) {
        List<String> problems = new ArrayList<>();
        if (pools.isEmpty()) {
            problems.add("pools: no pool declared");
        }
        for (int i = 0; i < pools.size(); i++) {
            RunnerPool pool = pools.get(i);
            String where = "pools[" + i + "]" + (pool.name() == null ? "" : " (" + pool.name() + ")") + ": ";
            pool.problems().forEach(p -> problems.add(where + p));
            for (int j = 0; j < i; j++) {
                if (Objects.equals(pools.get(j).name(), pool.name())) {
                    problems.add(where + "name: '" + pool.name() + "' is declared twice (also pools[" + j + "])");
                }
            }
        }
        return problems;
    }
}
