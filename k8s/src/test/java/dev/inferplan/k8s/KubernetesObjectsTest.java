package dev.inferplan.k8s;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KubernetesObjectsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
            spec:
              selector:
                matchLabels: {app: demo}
              template:
                metadata:
                  labels: {app: demo}
                spec:
                  containers:
                    - name: demo
                      image: demo:1
                      livenessProbe:
                        httpGet: {path: /health/live, port: http}
                      resources:
                        limits: {cpu: "1", memory: 1Gi}
            """;

    @Test
    void aCorrectObjectParsesIntoTheModel() {
        List<HasMetadata> objects = KubernetesObjects.parse(DEPLOYMENT + "---\n" + DEPLOYMENT.replace("name: demo\nspec", "name: other\nspec"));
        assertEquals(2, objects.size());
        Deployment deployment = (Deployment) objects.getFirst();
        assertEquals("/health/live", deployment.getSpec().getTemplate().getSpec().getContainers().getFirst()
                .getLivenessProbe().getHttpGet().getPath());
        assertEquals("other", objects.get(1).getMetadata().getName());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            livenessProbe:          | livenesProbe:
            httpGet:                | httpget:
            template:               | templat:
            metadata:\\n  name: demo | metdata:\\n  name: demo
            resources:              | resource:
            limits:                 | limit:
            """)
    void aMisspelledFieldAnywhereIsRefusedByName(String right, String wrong) {
        String yaml = DEPLOYMENT.replaceFirst(java.util.regex.Pattern.quote(right.replace("\\n", "\n")),
                java.util.regex.Matcher.quoteReplacement(wrong.replace("\\n", "\n")));
        String field = wrong.replace("\\n  name: demo", "").replace(":", "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KubernetesObjects.parse(yaml));
        assertTrue(e.getMessage().contains("\"" + field + "\""), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"apps/v1beta1,Deployment", "apps/v1,Deploymnt", "v1,PodSecurityPolicy"})
    void aKindOrVersionTheManifestsDoNotUseIsRefused(String apiVersion, String kind) {
        String yaml = DEPLOYMENT.replace("apiVersion: apps/v1", "apiVersion: " + apiVersion).replace("kind: Deployment", "kind: " + kind);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KubernetesObjects.parse(yaml));
        assertTrue(e.getMessage().startsWith(apiVersion + "/" + kind + " demo: not a kind"), e.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeIsRefused() {
        String yaml = DEPLOYMENT.replace("  selector:", "  replicas: two\n  selector:");
        assertThrows(IllegalArgumentException.class, () -> KubernetesObjects.parse(yaml));
    }

    @Test
    void theSecretsTemplateDeclaresEverySecretWithItsKeys() {
        assertEquals(Map.of("inferplan-jwt", Set.of("public.pem"), "inferplan-db", Set.of("password", "root-password"),
                        "inferplan-runner", Set.of("token"), "inferplan-catalog", Set.of("token"), "inferplan-recommender", Set.of("token"),
                        "inferplan-tls", Set.of("tls.crt", "tls.key")),
                DeclaredSecrets.read());
    }
}
