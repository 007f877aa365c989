package dev.inferplan.gateway.openapi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * One OpenAPI document from the services' documents (issue 16), as the gateway publishes them: each
 * service keeps only its paths under the prefixes the gateway routes to it (their public paths: the
 * gateway forwards without rewriting). A component (schema, response, parameter, ...) that two services
 * define differently under one name is renamed in each, {@code <Service><Name>}, and every reference to it
 * rewritten; identical definitions are kept once. An operation id two services share is prefixed the
 * same way. The result is sorted, so the same inputs give the same bytes.
 */
public final class OpenApiMerge {

    private static final String REF_PREFIX = "#/components/";

    /** One service's document and the path prefixes the gateway routes to it. */
    public record Part(String service, JsonObject document, List<String> prefixes) {
    }

    private OpenApiMerge() {
    }

    public static JsonObject merge(JsonObject info, List<Part> parts) {
        Map<String, Map<String, Map<String, JsonValue>>> definitions = new TreeMap<>();
        for (Part part : parts) {
            JsonObject components = part.document().getJsonObject("components");
            if (components == null) {
                continue;
            }
            for (String type : components.keySet()) {
                JsonObject named = components.getJsonObject(type);
                for (String name : named.keySet()) {
                    definitions.computeIfAbsent(type, t -> new TreeMap<>())
                            .computeIfAbsent(name, n -> new LinkedHashMap<>()).put(part.service(), named.get(name));
                }
            }
        }
        // service -> "#/components/type/name" -> renamed reference
        Map<String, Map<String, String>> renames = new HashMap<>();
        // type -> merged name -> the service it comes from (the first, for an identical one) and its definition
        Map<String, Map<String, Map.Entry<String, JsonValue>>> mergedComponents = new TreeMap<>();
        definitions.forEach((type, byName) -> byName.forEach((name, byService) -> {
            boolean clash = byService.values().stream().distinct().count() > 1;
            byService.forEach((service, definition) -> {
                String mergedName = clash ? prefix(service) + name : name;
                if (clash) {
                    renames.computeIfAbsent(service, s -> new HashMap<>())
                            .put(REF_PREFIX + type + "/" + name, REF_PREFIX + type + "/" + mergedName);
                }
                mergedComponents.computeIfAbsent(type, t -> new TreeMap<>()).putIfAbsent(mergedName, Map.entry(service, definition));
            });
        }));

        Map<String, Integer> operationIdUse = new HashMap<>();
        for (Part part : parts) {
            forEachOperation(part, (path, method, operation) -> {
                String id = operation.getString("operationId", null);
                if (id != null) {
                    operationIdUse.merge(id, 1, Integer::sum);
                }
            });
        }

        Map<String, JsonObjectBuilder> paths = new TreeMap<>();
        TreeMap<String, JsonValue> tags = new TreeMap<>();
        Map<String, JsonValue> components = new TreeMap<>();
        for (Part part : parts) {
            Map<String, String> serviceRenames = renames.getOrDefault(part.service(), Map.of());
            JsonObject documentPaths = part.document().getJsonObject("paths");
            if (documentPaths == null) {
                continue;
            }
            for (String path : documentPaths.keySet()) {
                if (!routed(path, part.prefixes())) {
                    continue;
                }
                JsonObject item = (JsonObject) rewrite(documentPaths.get(path), serviceRenames);
                JsonObjectBuilder mergedItem = Json.createObjectBuilder();
                for (String key : new TreeSet<>(item.keySet())) {
                    JsonValue value = item.get(key);
                    if (value instanceof JsonObject operation && operation.containsKey("responses")) {
                        String id = operation.getString("operationId", null);
                        if (id != null && operationIdUse.get(id) > 1) {
                            value = Json.createObjectBuilder(operation).add("operationId", prefix(part.service()) + id).build();
                        }
                    }
                    mergedItem.add(key, value);
                }
                paths.put(path, mergedItem);
            }
            JsonArray documentTags = part.document().getJsonArray("tags");
            if (documentTags != null) {
                documentTags.forEach(tag -> tags.putIfAbsent(((JsonObject) tag).getString("name"), tag));
            }
        }
        mergedComponents.forEach((type, named) -> {
            JsonObjectBuilder builder = Json.createObjectBuilder();
            named.forEach((name, origin) -> builder.add(name,
                    rewrite(origin.getValue(), renames.getOrDefault(origin.getKey(), Map.of()))));
            components.put(type, builder.build());
        });

        JsonObjectBuilder document = Json.createObjectBuilder()
                .add("openapi", "3.0.3")
                .add("info", info);
        JsonObjectBuilder pathsBuilder = Json.createObjectBuilder();
        paths.forEach(pathsBuilder::add);
        document.add("paths", pathsBuilder);
        JsonObjectBuilder componentsBuilder = Json.createObjectBuilder();
        components.forEach(componentsBuilder::add);
        document.add("components", componentsBuilder);
        JsonArrayBuilder tagsBuilder = Json.createArrayBuilder();
        tags.values().forEach(tagsBuilder::add);
        document.add("tags", tagsBuilder);
        document.add("security", Json.createArrayBuilder().add(Json.createObjectBuilder().add("bearer", Json.createArrayBuilder())));
        return document.build();
    }

    private static boolean routed(String path, List<String> prefixes) {
        return prefixes.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
    }

    /** "catalog-service" becomes "Catalog", "benchmark-runner" "BenchmarkRunner". */
    static String prefix(String service) {
        StringBuilder prefix = new StringBuilder();
        for (String word : service.replace("-service", "").split("-")) {
            prefix.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
        }
        return prefix.toString();
    }

    private static JsonValue rewrite(JsonValue value, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return value;
        }
        return switch (value.getValueType()) {
            case OBJECT -> {
                JsonObjectBuilder builder = Json.createObjectBuilder();
                ((JsonObject) value).forEach((key, inner) -> {
                    if ("$ref".equals(key) && inner instanceof JsonString ref && renames.containsKey(ref.getString())) {
                        builder.add(key, renames.get(ref.getString()));
                    } else {
                        builder.add(key, rewrite(inner, renames));
                    }
                });
                yield builder.build();
            }
            case ARRAY -> {
                JsonArrayBuilder builder = Json.createArrayBuilder();
                ((JsonArray) value).forEach(inner -> builder.add(rewrite(inner, renames)));
                yield builder.build();
            }
            default -> value;
        };
    }

    private interface OperationVisitor {
        void visit(String path, String method, JsonObject operation);
    }

    private static void forEachOperation(Part part, OperationVisitor visitor) {
        JsonObject documentPaths = part.document().getJsonObject("paths");
        if (documentPaths == null) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String path : documentPaths.keySet()) {
            if (routed(path, part.prefixes())) {
                kept.add(path);
            }
        }
        for (String path : kept) {
            documentPaths.getJsonObject(path).forEach((method, operation) -> {
                if (operation instanceof JsonObject op && op.containsKey("responses")) {
                    visitor.visit(path, method, op);
                }
            });
        }
    }
}
