package dev.inferplan.k8s;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local overlay: everything once on one machine, MariaDB in the cluster, the CPU runner. */
class LocalOverlayTest {

    private static final Pattern DATABASE = Pattern.compile("jdbc:mariadb://mariadb:3306/(\\w+)");

    private static Overlay local() {
        return Overlay.rendered("local");
    }

    @Test
    void oneReplicaOfEverythingAndNothingOfProductions() {
        Overlay overlay = local();
        overlay.workloads().forEach(w -> assertEquals(1, w.replicas(), w.name()));
        assertEquals(List.of("catalog-service", "gateway", "mariadb", "pricing-service", "recommender-service", "runner-local-cpu"),
                overlay.workloads().stream().map(Overlay.Workload::name).sorted().toList());
        assertEquals(List.of(), overlay.all(HorizontalPodAutoscaler.class));
        assertEquals(List.of(), overlay.all(PodDisruptionBudget.class));
        assertEquals(List.of(), overlay.all(NetworkPolicy.class));
    }

    @Test
    void mariaDbRunsInTheClusterAndCreatesEveryDatabaseTheServicesUse() {
        Overlay overlay = local();
        StatefulSet mariadb = overlay.get(StatefulSet.class, "mariadb");
        assertEquals("mariadb", mariadb.getSpec().getServiceName());
        String init = overlay.get(ConfigMap.class, "mariadb-init").getData().get("init.sql");
        Container db = mariadb.getSpec().getTemplate().getSpec().getContainers().getFirst();
        String user = db.getEnv().stream().filter(e -> e.getName().equals("MARIADB_USER")).findFirst().orElseThrow().getValue();
        int databases = 0;
        for (String service : List.of("catalog-service", "pricing-service", "recommender-service")) {
            Map<String, String> env = overlay.environment(overlay.workload(service).containers().getFirst());
            Matcher m = DATABASE.matcher(env.get("DB_URL"));
            assertTrue(m.matches(), service + ": " + env.get("DB_URL"));
            assertTrue(init.contains("CREATE DATABASE IF NOT EXISTS " + m.group(1) + " "), m.group(1) + " is not created by init.sql");
            assertTrue(init.contains("GRANT ALL PRIVILEGES ON " + m.group(1) + ".* TO '" + env.get("DB_USER") + "'@'%'"),
                    m.group(1) + " is not granted to " + env.get("DB_USER"));
            assertEquals(user, env.get("DB_USER"), service + ": the user the image creates");
            assertEquals("secret:inferplan-db/password", env.get("DB_PASSWORD"), service);
            databases++;
        }
        assertEquals(3, databases);
    }

    @Test
    void theLocalCpuPoolRunsWithoutGpuOrNodeSelector() {
        Overlay.Workload runner = local().workload("runner-local-cpu");
        Container c = runner.containers().getFirst();
        assertEquals("local-cpu", local().environment(c).get("RUNNER_POOL_ID"));
        assertEquals(null, c.getResources().getLimits().get("nvidia.com/gpu"));
        assertTrue(runner.template().getSpec().getNodeSelector() == null || runner.template().getSpec().getNodeSelector().isEmpty(),
                "a one-node cluster: " + runner.template().getSpec().getNodeSelector());
    }

    @Test
    void ourImagesCarryTheProjectVersionTheBuildTagsThemWith() {
        String version = System.getProperty("inferplan.project.version");
        assertTrue(version != null && !version.isBlank(), "the build passes inferplan.project.version");
        for (Overlay.Workload w : local().workloads()) {
            for (Container c : w.containers()) {
                if (Invariants.ours(c)) {
                    assertTrue(c.getImage().endsWith(":" + version), w.name() + ": " + c.getImage() + " is not tagged " + version);
                }
            }
        }
    }

    @Test
    void tracesAreOffWithoutACollector() {
        Overlay overlay = local();
        Map<String, String> env = overlay.environment(overlay.workload("gateway").containers().getFirst());
        assertEquals("none", env.get("OTEL_TRACES_EXPORTER"));
        assertEquals("inferplan-local", env.get("MP_JWT_VERIFY_ISSUER"), "the issuer of bin/suite token");
    }
}
