package dev.inferplan.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Kubernetes objects from YAML, through the fabric8 model of the API, refusing anything the API
 * would not know: an unknown kind or apiVersion, and an unknown field anywhere in an object. The
 * model keeps unknown fields in an "additional properties" map by default (a misspelled
 * {@code livenesProbe} would pass unseen); here that any-setter is switched off, so Jackson fails on
 * them with the path of the field.
 */
final class KubernetesObjects {

    /** The kinds the overlays may hold, by apiVersion and kind. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", Ingress.class);

    private static final YAMLMapper STRICT = YAMLMapper.builder()
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(MapperConfig<?> config, Annotated a) {
                    return Boolean.FALSE;
                }
            })
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private KubernetesObjects() {
    }

    /** Every object of a YAML stream, in order; empty documents are skipped. */
    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = STRICT.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                objects.add(object(document));
            }
        }
        return objects;
    }

    private static HasMetadata object(JsonNode document) {
        String type = document.path("apiVersion").asString("") + "/" + document.path("kind").asString("");
        String name = document.path("metadata").path("name").asString("(no name)");
        Class<? extends HasMetadata> kind = KINDS.get(type);
        if (kind == null) {
            throw new IllegalArgumentException(type + " " + name + ": not a kind these manifests use (" + KINDS.keySet() + ")");
        }
        try {
            return STRICT.treeToValue(document, kind);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(type + " " + name + ": " + e.getMessage(), e);
        }
    }
}
