package dev.inferplan.k8s;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunnerPoolTest {

    static RunnerPool pool(String name) {
        return new RunnerPool(name, "test", List.of("aws/g5.xlarge"), Map.of("node.kubernetes.io/instance-type", "g5.xlarge"),
                List.of(), 1, 3, "12Gi", null);
    }

    @Test
    void aCompletePoolHasNoProblem() {
        assertEquals(List.of(), pool("gpu-g5").problems());
        assertEquals(1, pool("gpu-g5").replicaCount());
        assertEquals("runner-gpu-g5", pool("gpu-g5").deploymentName());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            upper case name      | GPU_G5 | aws/g5.xlarge | 3 | 12Gi | 1  | 1 | name: 'GPU_G5' must be lowercase letters, digits and '-', at most 56 characters
            name too long        | a-pool-name-that-is-far-too-long-for-a-deployment-name-xyz | aws/g5.xlarge | 3 | 12Gi | 1 | 1 | name: 'a-pool-name-that-is-far-too-long-for-a-deployment-name-xyz' must be lowercase letters, digits and '-', at most 56 characters
            no instance type     | gpu-g5 |               | 3 | 12Gi | 1  | 1 | instanceTypes: at least one provider/instance-type (how the pool's results are priced)
            type without provider| gpu-g5 | g5.xlarge     | 3 | 12Gi | 1  | 1 | instanceTypes: 'g5.xlarge' is not provider/instance-type, e.g. aws/g5.xlarge
            no whole CPU         | gpu-g5 | aws/g5.xlarge | 0 | 12Gi | 1  | 1 | cpu: 0 must be a whole number of CPUs, at least 1
            memory in GB         | gpu-g5 | aws/g5.xlarge | 3 | 12GB | 1  | 1 | memory: '12GB' must be a quantity such as 12Gi
            negative GPUs        | gpu-g5 | aws/g5.xlarge | 3 | 12Gi | -1 | 1 | gpus: -1 is negative
            no replica           | gpu-g5 | aws/g5.xlarge | 3 | 12Gi | 1  | 0 | replicas: 0 must be at least 1
            """)
    void anIncompletePoolIsRefusedNamingTheField(String ignored, String name, String type, int cpu, String memory, int gpus,
                                                 int replicas, String problem) {
        RunnerPool pool = new RunnerPool(name, null, type == null ? List.of() : List.of(type), Map.of(), List.of(), gpus, cpu,
                memory, replicas);
        assertEquals(List.of(problem), pool.problems());
    }

    @Test
    void aTolerationNamingNoKeyMustTolerateEverything() {
        RunnerPool pool = new RunnerPool("p", null, List.of("aws/x.large"), Map.of(), List.of(Map.of("operator", "Equal",
                "value", "x")), 0, 1, "1Gi", null);
        assertEquals(List.of("tolerations: {operator=Equal, value=x} names no key (only operator: Exists may omit it)"),
                pool.problems().stream().map(p -> p.replace("{value=x, operator=Equal}", "{operator=Equal, value=x}")).toList());
    }

    @Test
    void aListNamesEachFaultyEntryAndEveryNameDeclaredTwice() {
        List<String> problems = RunnerPool.problems(List.of(pool("gpu-g5"), pool("gpu-g5"), pool("X")));
        assertEquals(List.of("pools[1] (gpu-g5): name: 'gpu-g5' is declared twice (also pools[0])",
                "pools[2] (X): name: 'X' must be lowercase letters, digits and '-', at most 56 characters"), problems);
        assertEquals(List.of("pools: no pool declared"), RunnerPool.problems(List.of()));
    }
}
