package dev.inferplan.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Secret;

/**
 * The Secrets the overlays expect to find in the cluster (never rendered: real values stay out of
 * git), as {@code secrets.example.yaml} declares them: name and keys.
 */
final class DeclaredSecrets {

    static final String FILE = "secrets.example.yaml";

    private DeclaredSecrets() {
    }

    static Map<String, Set<String>> read() {
        try {
            Map<String, Set<String>> secrets = new LinkedHashMap<>();
            for (var object : KubernetesObjects.parse(Files.readString(Overlay.K8S.resolve(FILE)))) {
                Secret secret = (Secret) object;
                Set<String> keys = new LinkedHashSet<>();
                keys.addAll(Objects.requireNonNullElse(secret.getStringData(), Map.<String, String>of()).keySet());
                keys.addAll(Objects.requireNonNullElse(secret.getData(), Map.<String, String>of()).keySet());
                secrets.put(secret.getMetadata().getName(), keys);
            }
            return secrets;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
