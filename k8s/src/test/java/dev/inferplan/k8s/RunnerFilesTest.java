package dev.inferplan.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunnerFilesTest {

    private final RunnerFiles files = new RunnerFiles(Overlay.K8S);

    @Test
    void everyCommittedRunnersFileIsWhatItsPoolsGenerate() throws IOException {
        Map<Path, String> expected = files.expected();
        assertEquals(List.of(Overlay.K8S.resolve("overlays/local"), Overlay.K8S.resolve("overlays/production")),
                List.copyOf(expected.keySet()));
        for (Map.Entry<Path, String> overlay : expected.entrySet()) {
            Path committed = overlay.getKey().resolve(RunnerFiles.OUTPUT);
            assertEquals(overlay.getValue(), Files.readString(committed, StandardCharsets.UTF_8),
                    committed + " is not what pools.yaml and the template generate: run ./mvnw -B -pl k8s -Prunners process-classes");
        }
    }

    @Test
    void everyOverlayWithPoolsDeploysItsRunnersFile() throws IOException {
        for (Path overlay : files.overlays()) {
            var kustomization = RunnerDeployments.YAML.readTree(overlay.resolve("kustomization.yaml").toFile());
            assertTrue(kustomization.get("resources").valueStream().anyMatch(r -> r.asString().equals(RunnerFiles.OUTPUT)),
                    overlay + "/kustomization.yaml must list " + RunnerFiles.OUTPUT);
        }
    }

    @Test
    void aPoolsFileWithAnUnknownKeyIsRefusedWhole(@TempDir Path dir) throws IOException {
        Path pools = dir.resolve("pools.yaml");
        Files.writeString(pools, "pools:\n  - {name: gpu-g5, instanceTypes: [aws/g5.xlarge], gpu: 1, cpu: 3, memory: 12Gi}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunnerFiles.pools(pools));
        assertTrue(e.getMessage().contains("\"gpu\""), e.getMessage());
    }

    @Test
    void aPoolsFileMissingACountIsRefused(@TempDir Path dir) throws IOException {
        Path pools = dir.resolve("pools.yaml");
        Files.writeString(pools, "pools:\n  - {name: gpu-g5, instanceTypes: [aws/g5.xlarge], memory: 12Gi}\n");
        List<RunnerPool> read = RunnerFiles.pools(pools);
        assertEquals(List.of("cpu: 0 must be a whole number of CPUs, at least 1"), read.getFirst().problems());
    }
}
