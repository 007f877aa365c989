package dev.inferplan.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The overlays deploy exactly the images the Maven build makes (-Pimage): one per service module, and the CUDA runner. */
class ImagesTest {

    private static final Path ROOT = Overlay.K8S.getParent();
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern IMAGE_NAME = Pattern.compile("(?:.*/)?(inferplan/[a-z0-9-]+)(?:[:@].*)?");

    /**
     * inferplan/<module> for each module that is a service (its microprofile-config.properties sets the
     * server's port; platform's shared one sets none), and the CUDA runner.
     */
    static Set<String> built() throws IOException {
        Set<String> images = new TreeSet<>();
        Matcher m = MODULE.matcher(Files.readString(ROOT.resolve("pom.xml")));
        while (m.find()) {
            Path config = ROOT.resolve(m.group(1)).resolve("src/main/resources/META-INF/microprofile-config.properties");
            if (Files.exists(config) && Files.readAllLines(config).stream().anyMatch(line -> line.startsWith("server.port="))) {
                images.add("inferplan/" + m.group(1));
            }
        }
        if (Files.readString(ROOT.resolve("benchmark-runner/pom.xml")).contains("inferplan/benchmark-runner-cuda:")) {
            images.add("inferplan/benchmark-runner" + RunnerDeployments.CUDA_IMAGE_SUFFIX);
        }
        return images;
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyServiceRunsAnImageTheBuildMakes(String name) throws IOException {
        Set<String> built = built();
        assertTrue(built.containsAll(Set.of("inferplan/gateway", "inferplan/catalog-service", "inferplan/pricing-service",
                "inferplan/recommender-service", "inferplan/benchmark-runner", "inferplan/benchmark-runner-cuda")), built.toString());
        Set<String> deployed = new TreeSet<>();
        for (Overlay.Workload w : Overlay.rendered(name).workloads()) {
            w.containers().stream().filter(Invariants::ours).forEach(c -> {
                Matcher m = IMAGE_NAME.matcher(c.getImage());
                assertTrue(m.matches(), c.getImage());
                deployed.add(m.group(1));
            });
        }
        assertTrue(built.containsAll(deployed), name + " deploys images no module builds: " + deployed);
        Set<String> services = new TreeSet<>(built);
        services.remove("inferplan/benchmark-runner-cuda");
        assertTrue(deployed.containsAll(services), name + " leaves out " + services + " minus " + deployed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void theOverlaysImageListNamesOnlyBuiltImages(String name) throws IOException {
        var kustomization = RunnerDeployments.YAML.readTree(Overlay.K8S.resolve("overlays").resolve(name).resolve("kustomization.yaml").toFile());
        Set<String> listed = new TreeSet<>();
        kustomization.get("images").forEach(i -> listed.add(i.get("name").asString()));
        Set<String> expected = built();
        if (name.equals("local")) {
            expected.remove("inferplan/benchmark-runner-cuda");     // no GPU pool locally
        }
        assertEquals(expected, listed, name + "/kustomization.yaml images:");
    }
}
