package dev.inferplan.k8s;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** One overlay as {@code kubectl kustomize} renders it, parsed strictly, with what the tests ask of it. */
final class Overlay {

    static final Path K8S = Path.of(System.getProperty("inferplan.k8s.dir", ".")).toAbsolutePath().normalize();
    static final List<String> NAMES = List.of("local", "production");
    private static final Map<String, Overlay> RENDERED = new LinkedHashMap<>();

    /** A Deployment or StatefulSet: what runs pods. */
    record Workload(HasMetadata object, Integer replicas, LabelSelector selector, PodTemplateSpec template) {
        String name() {
            return object.getMetadata().getName();
        }

        String kind() {
            return object.getKind();
        }

        Map<String, String> podLabels() {
            return template.getMetadata().getLabels();
        }

        List<Container> containers() {
            return template.getSpec().getContainers();
        }
    }

    final String name;
    final Path directory;
    final List<HasMetadata> objects;

    private Overlay(String name, Path directory, List<HasMetadata> objects) {
        this.name = name;
        this.directory = directory;
        this.objects = objects;
    }

    /** One of the overlays under k8s/overlays, rendered once per test run. */
    static Overlay rendered(String name) {
        return renderedAt(name, K8S.resolve("overlays").resolve(name));
    }

    static synchronized Overlay renderedAt(String name, Path directory) {
        return RENDERED.computeIfAbsent(name, n -> new Overlay(n, directory,
                KubernetesObjects.parse(Kubectl.get().kustomize(directory))));
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> kind, String objectName) {
        return all(kind).stream().filter(o -> o.getMetadata().getName().equals(objectName)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> kind, String objectName) {
        return find(kind, objectName).orElseThrow(() -> new AssertionError(
                name + ": no " + kind.getSimpleName() + " " + objectName + " (has " + all(kind).stream()
                        .map(o -> o.getMetadata().getName()).toList() + ")"));
    }

    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        all(Deployment.class).forEach(d -> workloads.add(new Workload(d, d.getSpec().getReplicas(), d.getSpec().getSelector(),
                d.getSpec().getTemplate())));
        all(StatefulSet.class).forEach(s -> workloads.add(new Workload(s, s.getSpec().getReplicas(), s.getSpec().getSelector(),
                s.getSpec().getTemplate())));
        return workloads;
    }

    Workload workload(String workloadName) {
        return workloads().stream().filter(w -> w.name().equals(workloadName)).findFirst()
                .orElseThrow(() -> new AssertionError(name + ": no workload " + workloadName));
    }

    /** Pod templates whose labels a selector matches. */
    List<Workload> selected(LabelSelector selector) {
        return workloads().stream().filter(w -> matches(selector, w.podLabels())).toList();
    }

    /**
     * The environment a container starts with, as Kubernetes assembles it: every envFrom ConfigMap
     * in order (a later one wins), then env; a value from a Secret reads {@code secret:NAME/KEY}.
     */
    Map<String, String> environment(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource source : Objects.requireNonNullElse(container.getEnvFrom(), List.<EnvFromSource>of())) {
            if (source.getConfigMapRef() != null) {
                // a missing one is everyConfigMapAndSecretReferencedExists's to report
                find(ConfigMap.class, source.getConfigMapRef().getName()).ifPresent(map -> env.putAll(map.getData()));
            }
        }
        for (EnvVar var : Objects.requireNonNullElse(container.getEnv(), List.<EnvVar>of())) {
            if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
                env.put(var.getName(), "secret:" + var.getValueFrom().getSecretKeyRef().getName() + "/"
                        + var.getValueFrom().getSecretKeyRef().getKey());
            } else if (var.getValueFrom() == null) {
                env.put(var.getName(), var.getValue());
            }
        }
        return env;
    }

    /** Kubernetes' label selector semantics: matchLabels and matchExpressions, all must hold. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> have = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null
                && !selector.getMatchLabels().entrySet().stream().allMatch(e -> e.getValue().equals(have.get(e.getKey())))) {
            return false;
        }
        for (LabelSelectorRequirement r : Objects.requireNonNullElse(selector.getMatchExpressions(),
                List.<LabelSelectorRequirement>of())) {
            String value = have.get(r.getKey());
            boolean holds = switch (r.getOperator()) {
                case "In" -> value != null && r.getValues().contains(value);
                case "NotIn" -> value == null || !r.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown selector operator " + r.getOperator());
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name;
    }
}
