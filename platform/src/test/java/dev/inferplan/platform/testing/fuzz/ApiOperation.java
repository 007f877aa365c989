package dev.inferplan.platform.testing.fuzz;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * One operation of a service's REST API as its OpenAPI document states it: method, path template,
 * parameters and request body, with {@code $ref}s resolved. Reading them from {@code /openapi} means a
 * new operation is fuzzed without anyone adding it to a list.
 */
public record ApiOperation(String method, String path, List<Parameter> parameters, Optional<Body> body) {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /** A path or query parameter and its schema. */
    public record Parameter(String name, String in, JsonObject schema) {
    }

    /** The request body: its media type and schema (an object's properties resolved). */
    public record Body(String mediaType, JsonObject schema) {
        public boolean json() {
            return mediaType.contains("json");
        }
    }

    public boolean writes() {
        return !method.equals("GET");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    /** Every operation the service documents under {@code /api}. */
    public static List<ApiOperation> of(URI service) {
        return of(service, "/openapi");
    }

    /** Every operation the document at {@code documentPath} lists under {@code /api}. */
    public static List<ApiOperation> of(URI service, String documentPath) {
        JsonObject document = document(service, documentPath);
        JsonObject schemas = document.getJsonObject("components") == null ? JsonValue.EMPTY_JSON_OBJECT
                : document.getJsonObject("components").getJsonObject("schemas");
        List<ApiOperation> operations = new ArrayList<>();
        document.getJsonObject("paths").forEach((path, item) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            item.asJsonObject().forEach((method, value) -> {
                if (!METHODS.contains(method)) {
                    return;
                }
                JsonObject operation = value.asJsonObject();
                List<Parameter> parameters = new ArrayList<>();
                if (operation.containsKey("parameters")) {
                    operation.getJsonArray("parameters").getValuesAs(JsonObject.class).forEach(p -> parameters.add(
                            new Parameter(p.getString("name"), p.getString("in"),
                                    resolve(p.getJsonObject("schema"), schemas, 0))));
                }
                Optional<Body> body = Optional.empty();
                if (operation.containsKey("requestBody")) {
                    JsonObject content = operation.getJsonObject("requestBody").getJsonObject("content");
                    if (content != null && !content.isEmpty()) {
                        String mediaType = content.containsKey("application/json") ? "application/json"
                                : content.keySet().iterator().next();
                        JsonObject schema = content.getJsonObject(mediaType).getJsonObject("schema");
                        body = Optional.of(new Body(mediaType, resolve(schema, schemas, 0)));
                    }
                }
                operations.add(new ApiOperation(method.toUpperCase(Locale.ROOT), path, List.copyOf(parameters), body));
            });
        });
        return List.copyOf(operations);
    }

    private static JsonObject document(URI service, String documentPath) {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(service.resolve(documentPath + "?format=JSON"))
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(documentPath + " answered " + response.statusCode());
            }
            try (var reader = Json.createReader(new StringReader(response.body()))) {
                return reader.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The schema with every {@code $ref} replaced by its definition (depth-limited against cycles). */
    static JsonObject resolve(JsonObject schema, JsonObject schemas, int depth) {
        if (schema == null) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (schema.containsKey("$ref")) {
            String name = schema.getString("$ref").substring(schema.getString("$ref").lastIndexOf('/') + 1);
            return depth > 6 || !schemas.containsKey(name) ? JsonValue.EMPTY_JSON_OBJECT
                    : resolve(schemas.getJsonObject(name), schemas, depth + 1);
        }
        var resolved = Json.createObjectBuilder(schema);
        if (schema.containsKey("properties")) {
            var properties = Json.createObjectBuilder();
            schema.getJsonObject("properties").forEach((name, property) ->
                    properties.add(name, resolve(property.asJsonObject(), schemas, depth + 1)));
            resolved.add("properties", properties);
        }
        if (schema.containsKey("items") && schema.get("items") instanceof JsonObject items) {
            resolved.add("items", resolve(items, schemas, depth + 1));
        }
        if (schema.containsKey("additionalProperties") && schema.get("additionalProperties") instanceof JsonObject more) {
            resolved.add("additionalProperties", resolve(more, schemas, depth + 1));
        }
        return resolved.build();
    }
}
