package dev.inferplan.platform.testing.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Malformed requests for a service's operations, generated from their OpenAPI schemas: a plausible
 * request (values the test says exist, such as a version id or a pool, where the schema names them)
 * with one to three faults, so that most cases get past routing and authentication into the resource
 * and its domain code. Three families: bodies (values that do not fit, syntax faults, wrong types,
 * dropped fields, wrong media types), parameters (path and query values out of range, of the wrong
 * type, badly encoded, unencoded {@code :}), and the wire (methods, headers, encodings, targets).
 */
public final class MalformedRequests {

    /** JSON values that have broken parsers and mappers: wrapped integers, infinities, wrong types. */
    static final List<String> NASTY_JSON = List.of(
            "4294967297", "-4294967291", "4294967298", "2147483648", "-2147483649", "9223372036854775808",
            "-9223372036854775809", "1e309", "-1e309", "1e999999999", "1E-400", "1.5", "-0", "0.1e1", "-1", "0",
            "\"true\"", "\"5\"", "\"\"", "\" \"", "null", "[]", "{}", "[null]", "true", "false", "\"NaN\"", "\"Infinity\"",
            "\"-1\"", "\"1e309\"", "\"../../../../etc/passwd\"", "\"file:/etc/shadow\"", "\"file:/dev/zero\"",
            "\"http://127.0.0.1:1/\"", "\"' OR '1'='1\"", "\"<script>alert(1)</script>\"", "\"\\u0000\"", "\"\\ud800\"",
            "\"a\\/b\"", "\"tier_1\"", "\"TIER_9\"", "\"-3\"", "[1,2,3]", "{\"a\":{\"b\":[]}}", "\"2026-02-30T25:61:00Z\"");

    static final List<String> NASTY_PARAMETER = List.of(
            "", "-1", "0", "2147483648", "-2147483649", "9223372036854775808", "1e999999999", "1e309", "NaN", "Infinity",
            "1.5", "abc", "true", "%zz", "%", "%2", "%00", "%FF%FE", "%C0%AF", "2026-12-03T07:00:00Z", "2026-12-03T07%3A00%3A00Z",
            "not-a-date", "'%20OR%201=1", "..", "%2e%2e", "a%2Fb", "%3Cscript%3E", ";x=1", "a,b", "%E2%9C%93", "*");

    private final List<ApiOperation> operations;
    private final Map<String, List<String>> known;
    private final Supplier<String> token;

    /**
     * @param known   values that exist in the service under test, by parameter or property name
     *                ({@code id}, {@code pool}, {@code modelVersionId}); string values unquoted
     * @param token   a bearer token allowed to call every operation
     */
    public MalformedRequests(List<ApiOperation> operations, Map<String, List<String>> known, Supplier<String> token) {
        this.operations = operations;
        this.known = known;
        this.token = token;
    }

    /** Bodies with faults where an operation takes one, else parameters with faults. */
    public Arbitrary<FuzzRequest> bodiesAndParameters() {
        List<ApiOperation> withBody = operations.stream().filter(o -> o.body().isPresent()).toList();
        Arbitrary<FuzzRequest> parameters = Arbitraries.of(operations)
                .flatMap(op -> Arbitraries.randomValue(random -> parameters(op, random)));
        if (withBody.isEmpty()) {
            return parameters;
        }
        Arbitrary<FuzzRequest> bodies = Arbitraries.of(withBody).flatMap(op -> Arbitraries.randomValue(random -> body(op, random)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, bodies), net.jqwik.api.Tuple.of(2, parameters));
    }

    /** What the HTTP layer sees first: methods, headers, encodings and request targets. */
    public Arbitrary<FuzzRequest> wire() {
        return Arbitraries.of(operations).flatMap(op -> Arbitraries.randomValue(random -> wire(op, random)));
    }

    // --- every field and parameter, each kind of bad value once ---

    /** The strongest bad values per JSON type: past a column's length, past a type's range, the wrong type. */
    static List<String> fieldFaults(JsonObject schema) {
        return switch (schema.getString("type", schema.containsKey("properties") ? "object" : "")) {
            case "string" -> List.of(quote("x".repeat(300)), quote("x".repeat(70_000)), "\"1e309\"", "\"-1\"", "5");
            case "integer" -> List.of("4294967297", "-4294967291", "1.5", "\"5\"");
            case "number" -> List.of("1e309", "1e25", "99999999999999999999.5", "-1", "\"1.5\"");
            case "boolean" -> List.of("\"true\"", "1");
            case "array" -> List.of("{}", "[null]");
            case "object" -> List.of("[]", "\"x\"");
            default -> List.of("[]", "1e309");
        };
    }

    static final List<String> PARAMETER_FAULTS = List.of("", "-1", "9223372036854775808", "1e999999999", "1.5", "abc",
            "%zz", "x".repeat(300));

    /**
     * For every JSON body, every field (nested ones and array items too) with each of its type's bad
     * values, the rest of the document valid; for every parameter, each bad parameter value. Run
     * exhaustively, so no field is left to chance.
     */
    public List<FuzzRequest> everyFieldAndParameter() {
        List<FuzzRequest> cases = new ArrayList<>();
        for (ApiOperation op : operations) {
            if (op.body().isPresent() && op.body().get().json()) {
                List<List<Integer>> paths = new ArrayList<>();
                leafPaths(complete(op), new ArrayList<>(), paths);
                for (List<Integer> path : paths) {
                    for (String fault : fieldFaults(schemaAt(complete(op), path))) {
                        Node document = complete(op);
                        String field = replaceAt(document, path, fault);
                        Map<String, String> headers = new LinkedHashMap<>();
                        headers.put("Authorization", "Bearer " + token.get());
                        headers.put("Content-Type", "application/json");
                        cases.add(new FuzzRequest(op, op.method(), target(op, new Random(7), false), headers,
                                document.text().getBytes(StandardCharsets.UTF_8), "field " + field + "=" + abbreviate(fault),
                                false));
                    }
                }
            }
            List<ApiOperation.Parameter> parameters = new ArrayList<>(op.parameters());
            // a parameter the operation does not declare: what every operation must ignore or refuse cleanly
            parameters.add(new ApiOperation.Parameter("undeclared", "query", JsonValue.EMPTY_JSON_OBJECT));
            for (ApiOperation.Parameter parameter : parameters) {
                for (String fault : PARAMETER_FAULTS) {
                    String target = target(op, new Random(7), false);
                    if (parameter.in().equals("path")) {
                        target = op.path().replace("{" + parameter.name() + "}", fault);
                        for (ApiOperation.Parameter other : op.parameters()) {
                            target = target.replace("{" + other.name() + "}", knownOr(other.name(), new Random(7), () -> "1"));
                        }
                    } else {
                        target = target + (target.contains("?") ? "&" : "?") + parameter.name() + "=" + fault;
                    }
                    FuzzRequest base = parameters(op, new Random(7));
                    cases.add(new FuzzRequest(op, op.method(), target, base.headers(), base.body(),
                            "parameter " + parameter.name() + "=" + abbreviate(fault), false));
                }
            }
        }
        return cases;
    }

    private Node complete(ApiOperation op) {
        return value(op.body().orElseThrow().schema(), "$", new Random(7), 0, true);
    }

    private static void leafPaths(Node node, List<Integer> at, List<List<Integer>> paths) {
        List<Node> children = node instanceof Obj object ? object.members().stream().map(Member::value).toList()
                : node instanceof Arr array ? array.items() : List.of();
        for (int i = 0; i < children.size(); i++) {
            List<Integer> path = new ArrayList<>(at);
            path.add(i);
            paths.add(path);
            leafPaths(children.get(i), path, paths);
        }
    }

    private static JsonObject schemaAt(Node node, List<Integer> path) {
        JsonObject schema = JsonValue.EMPTY_JSON_OBJECT;
        for (int index : path) {
            if (node instanceof Obj object) {
                schema = object.members().get(index).schema();
                node = object.members().get(index).value();
            } else if (node instanceof Arr array) {
                schema = array.itemSchema();
                node = array.items().get(index);
            }
        }
        return schema;
    }

    /** Replaces the node at {@code path} and answers its field path ({@code sweep.batchSizes[0]}). */
    private static String replaceAt(Node node, List<Integer> path, String literal) {
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < path.size(); i++) {
            int index = path.get(i);
            boolean last = i == path.size() - 1;
            if (node instanceof Obj object) {
                Member member = object.members().get(index);
                field.append(field.isEmpty() ? "" : ".").append(member.name());
                if (last) {
                    object.members().set(index, new Member(member.name(), new Lit(literal), member.schema()));
                }
                node = member.value();
            } else if (node instanceof Arr array) {
                field.append('[').append(index).append(']');
                if (last) {
                    array.items().set(index, new Lit(literal));
                }
                node = array.items().get(index);
            }
        }
        return field.toString();
    }

    // --- bodies ---

    FuzzRequest body(ApiOperation op, Random random) {
        ApiOperation.Body body = op.body().orElseThrow();
        Map<String, String> headers = headers(random);
        if (!body.json()) {
            return rawBody(op, random, headers);
        }
        Node document = value(body.schema(), "$", random, 0);
        List<String> faults = new ArrayList<>();
        boolean syntax = false;
        int roll = random.nextInt(100);
        int count = roll < 70 ? 1 : roll < 90 ? 2 : 3;   // mostly one fault, so no other field's check hides it
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(100);
            if (kind < 55) {
                faults.add("value " + replaceSomeNode(document, random));
            } else if (kind < 65) {
                faults.add("drop " + dropSomeMember(document, random));
            } else if (kind < 73 && duplicateSomeKey(document, random)) {
                faults.add("duplicate key");
                syntax = true;
            } else if (kind < 78) {
                document = new Lit(pick(random, List.of("[]", "\"text\"", "42", "null", "true", "[{}]")));
                faults.add("top-level " + document.text());
            } else if (kind < 82) {
                document = deep(document, 501 + random.nextInt(2000));
                faults.add("nested too deep");
                syntax = true;
            } else {
                faults.add("value " + replaceSomeNode(document, random));
            }
        }
        String text = document.text();
        int tail = random.nextInt(100);
        if (tail < 8) {
            text = text + pick(random, List.of(" garbage", "{}", "]", ",", "\u0000", " {\"a\":1}", "\n\nnull"));
            faults.add("trailing content");
            syntax = true;
        } else if (tail < 14 && text.length() > 1) {
            text = text.substring(0, random.nextInt(text.length()));
            faults.add("truncated");
            syntax = true;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(100) < 3) {
            bytes = latin1(bytes);
            faults.add("not UTF-8");
            syntax = true;
        }
        String contentType = random.nextInt(100) < 90 ? "application/json"
                : pick(random, List.of("text/plain", "application/xml", "application/json; charset=ISO-8859-1",
                "application/merge-patch+json", "application/x-www-form-urlencoded", "multipart/form-data", "*/*", ";;"));
        if (!contentType.startsWith("application/json")) {
            faults.add("content type " + contentType);
            syntax = false;   // another media type may be refused with 415 or read as it is
        }
        headers.put("Content-Type", contentType);
        // the faults may undo each other (a duplicate key dropped again): the document itself decides
        return new FuzzRequest(op, op.method(), target(op, random, false), headers, bytes, String.join("; ", faults),
                syntax && !oneDocument(bytes));
    }

    /** Whether the bytes are one UTF-8 JSON document without duplicate keys, nested at most 500 deep (Parsson decides). */
    static boolean oneDocument(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            try (var parser = jakarta.json.Json.createParserFactory(Map.of("org.eclipse.parsson.rejectDuplicateKeys", true,
                    "org.eclipse.parsson.maxDepth", 500)).createParser(new java.io.StringReader(text))) {
                parser.next();
                parser.getValue();
                return !parser.hasNext();
            }
        } catch (java.nio.charset.CharacterCodingException | RuntimeException e) {
            return false;
        }
    }

    private FuzzRequest rawBody(ApiOperation op, Random random, Map<String, String> headers) {
        String text = pick(random, List.of("", "a,b,c\n1,2,3\n", "\u0000\u0001\u0002", "{\"not\": \"csv\"}",
                "provider,region\n" + "x,".repeat(500), "\"unterminated\n", "\ufeff;;;\r\n\r\n"));
        if (random.nextBoolean()) {
            headers.put("Content-Type", pick(random, List.of("text/csv", "application/json", "application/octet-stream",
                    "multipart/form-data; boundary=zz", "text/plain; charset=utf-16")));
        }
        return new FuzzRequest(op, op.method(), target(op, random, random.nextBoolean()), headers,
                text.getBytes(StandardCharsets.UTF_8), "raw body", false);
    }

    // --- parameters ---

    FuzzRequest parameters(ApiOperation op, Random random) {
        Map<String, String> headers = headers(random);
        byte[] body = null;
        if (op.body().isPresent() && op.body().get().json()) {
            body = value(op.body().get().schema(), "$", random, 0).text().getBytes(StandardCharsets.UTF_8);
            headers.put("Content-Type", "application/json");
        }
        return new FuzzRequest(op, op.method(), target(op, random, true), headers, body, "parameters", false);
    }

    private String target(ApiOperation op, Random random, boolean faults) {
        String path = op.path();
        StringBuilder query = new StringBuilder();
        for (ApiOperation.Parameter parameter : op.parameters()) {
            boolean nasty = faults && random.nextInt(100) < 40;
            String value = nasty ? nastyParameter(random) : knownOr(parameter.name(), random, () -> plainParameter(parameter, random));
            if (parameter.in().equals("path")) {
                path = path.replace("{" + parameter.name() + "}", value.isEmpty() && !nasty ? "x" : value);
            } else if (parameter.in().equals("query") && (nasty || random.nextInt(100) < 50)) {
                query.append(query.isEmpty() ? "" : "&").append(parameter.name()).append('=').append(value);
                if (faults && random.nextInt(100) < 5) {
                    query.append('&').append(parameter.name()).append('=').append(nastyParameter(random));
                }
            }
        }
        if (faults && random.nextInt(100) < 10) {
            query.append(query.isEmpty() ? "" : "&").append(pick(random, List.of("unknown=1", "=", "&&", "a", "%zz=1",
                    "asOf=2026-12-03T07:00:00Z", "x=" + "a".repeat(2000))));
        }
        return query.isEmpty() ? path : path + "?" + query;
    }

    private String plainParameter(ApiOperation.Parameter parameter, Random random) {
        String type = parameter.schema().getString("type", "string");
        return switch (type) {
            case "integer" -> String.valueOf(random.nextInt(5));
            case "number" -> "1.5";
            case "boolean" -> "true";
            default -> enumValue(parameter.schema(), random, "fuzz");
        };
    }

    private static String nastyParameter(Random random) {
        if (random.nextInt(100) < 15) {
            return String.valueOf(random.nextLong());
        }
        return pick(random, NASTY_PARAMETER);
    }

    // --- the wire ---

    FuzzRequest wire(ApiOperation op, Random random) {
        Map<String, String> headers = headers(random);
        String method = op.method();
        String target = target(op, random, false);
        byte[] body = op.body().filter(ApiOperation.Body::json)
                .map(b -> value(b.schema(), "$", random, 0).text().getBytes(StandardCharsets.UTF_8)).orElse(null);
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        String fault;
        switch (random.nextInt(12)) {
            case 0 -> {
                method = pick(random, List.of("FOO", "get", "TRACE", "CONNECT", "PROPFIND", "OPTIONS", "HEAD", "DELETE", "PATCH"));
                fault = "method " + method;
            }
            case 1 -> {
                headers.put("Content-Encoding", pick(random, List.of("gzip", "deflate", "br", "identity", "x-zip", "gzip, gzip")));
                fault = "content encoding";
            }
            case 2 -> {
                headers.put("Content-Type", pick(random, List.of("application/json; charset=ebcdic", ";;;", "a/b/c", "",
                        "application/json; boundary=\"", "application/*", "text/json")));
                fault = "content type";
            }
            case 3 -> {
                headers.put("Accept", pick(random, List.of("text/html", "application/xml", "*/*;q=x", "image/png",
                        "text/markdown", "application/problem+json", ";")));
                fault = "accept";
            }
            case 4 -> {
                headers.put("Authorization", pick(random, List.of("Bearer", "Bearer ", "Basic YTpi", "Bearer a.b.c",
                        "Bearer " + "A".repeat(3000), "bearer " + token.get(), "Bearer " + token.get() + " x", "Negotiate x")));
                fault = "authorization";
            }
            case 5 -> {
                headers.put("X-Fuzz", "a".repeat(17_000 + random.nextInt(4000)));
                fault = "large header";
            }
            case 6 -> {
                for (int i = 0; i < 200; i++) {
                    headers.put("X-Fuzz-" + i, String.valueOf(i));
                }
                fault = "many headers";
            }
            case 7 -> {
                target = pick(random, List.of(target + "/", "/" + target, target.replace("/api/", "/api//"),
                        target.replace("/api/", "/api/../api/"), target + "%00", target + "#fragment", target + "?#",
                        target + "?" + "q=".repeat(1500), target.replace("/api/", "/API/"), "*", "/api", "/api/"));
                fault = "target";
            }
            case 8 -> {
                headers.put("Transfer-Encoding", "chunked");
                body = pick(random, List.of("zz\r\n{}\r\n0\r\n\r\n", "2\r\n{}\r\n0\r\n\r\n", "-1\r\n\r\n"))
                        .getBytes(StandardCharsets.US_ASCII);
                headers.put("Content-Type", "application/json");
                fault = "chunked";
            }
            case 9 -> {
                headers.put("Content-Length", pick(random, List.of("-1", "abc", "1e3", "0x10", "", "1, 1")));
                fault = "content length";
            }
            case 10 -> {
                headers.put("Expect", pick(random, List.of("100-continue", "200-ok", "")));
                fault = "expect";
            }
            default -> {
                headers.remove("Authorization");
                fault = "no token";
            }
        }
        return new FuzzRequest(op, method, target, headers, body, "wire: " + fault, false);
    }

    // --- JSON documents from schemas ---

    private Map<String, String> headers(Random random) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (random.nextInt(100) < 97) {
            headers.put("Authorization", "Bearer " + token.get());
        }
        return headers;
    }

    private Node value(JsonObject schema, String name, Random random, int depth) {
        return value(schema, name, random, depth, false);
    }

    /** {@code complete}: every property, the first known value, one item per array (the same document every time). */
    private Node value(JsonObject schema, String name, Random random, int depth, boolean complete) {
        String type = schema.getString("type", schema.containsKey("properties") ? "object" : "");
        List<String> values = known.get(name);
        if (values != null && !values.isEmpty() && (complete || random.nextInt(100) < 85) && !type.equals("object")
                && !type.equals("array")) {
            String value = complete ? values.getFirst() : pick(random, values);
            return new Lit(type.equals("string") || type.isEmpty() ? quote(value) : value);
        }
        return switch (type) {
            case "object" -> {
                List<Member> members = new ArrayList<>();
                if (depth < 6 && schema.containsKey("properties")) {
                    schema.getJsonObject("properties").forEach((property, propertySchema) -> {
                        if (complete || random.nextInt(100) < 90) {
                            members.add(new Member(property, value(propertySchema.asJsonObject(), property, random, depth + 1,
                                    complete), propertySchema.asJsonObject()));
                        }
                    });
                }
                yield new Obj(members);
            }
            case "array" -> {
                List<Node> items = new ArrayList<>();
                JsonObject itemSchema = schema.containsKey("items") ? schema.getJsonObject("items") : JsonValue.EMPTY_JSON_OBJECT;
                int n = depth >= 6 ? 0 : complete ? 1 : 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    items.add(value(itemSchema, name, random, depth + 1, complete));
                }
                yield new Arr(items, itemSchema);
            }
            case "integer" -> new Lit(String.valueOf(1 + random.nextInt(64)));
            case "number" -> new Lit(pick(random, List.of("1.5", "0.25", "12", "99.9")));
            case "boolean" -> new Lit(random.nextBoolean() ? "true" : "false");
            case "string" -> new Lit(quote("date-time".equals(schema.getString("format", "")) ? "2026-12-03T07:00:00Z"
                    : enumValue(schema, random, "fuzz-" + random.nextInt(1000))));
            default -> new Lit(quote("fuzz"));
        };
    }

    private static String enumValue(JsonObject schema, Random random, String otherwise) {
        if (schema.containsKey("enum")) {
            List<String> values = schema.getJsonArray("enum").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).toList();
            if (!values.isEmpty()) {
                return pick(random, values);
            }
        }
        return otherwise;
    }

    private String knownOr(String name, Random random, Supplier<String> otherwise) {
        List<String> values = known.get(name);
        return values != null && !values.isEmpty() && random.nextInt(100) < 85 ? pick(random, values) : otherwise.get();
    }

    private String replaceSomeNode(Node document, Random random) {
        List<Node> containers = new ArrayList<>();
        collect(document, containers);
        if (containers.isEmpty()) {
            return "(nothing to replace)";
        }
        Node container = pick(random, containers);
        if (container instanceof Obj object && !object.members().isEmpty()) {
            int index = random.nextInt(object.members().size());
            Member member = object.members().get(index);
            String nasty = nastyFor(member.schema(), random);
            object.members().set(index, new Member(member.name(), new Lit(nasty), member.schema()));
            return member.name() + "=" + abbreviate(nasty);
        }
        if (container instanceof Arr array && !array.items().isEmpty()) {
            String nasty = nastyFor(JsonValue.EMPTY_JSON_OBJECT, random);
            array.items().set(random.nextInt(array.items().size()), new Lit(nasty));
            return "[i]=" + abbreviate(nasty);
        }
        return "(empty container)";
    }

    /** A value aimed at what the field is: a long or numeric string for a string, a wrapped number for an integer. */
    static String nastyFor(JsonObject schema, Random random) {
        String type = schema.getString("type", "");
        int roll = random.nextInt(100);
        if (roll < 25 || type.isEmpty()) {
            return roll % 5 == 0 ? String.valueOf(random.nextLong()) : pick(random, NASTY_JSON);
        }
        return switch (type) {
            case "string" -> roll < 55 ? quote("x".repeat(pick(random, List.of(65, 129, 256, 257, 300, 1025, 4097, 70_000))))
                    : pick(random, List.of("\"1e309\"", "\"-1\"", "\"1e999999999\"", "\"1e25\"", "\"12345678901234567890.5\"",
                    "\"0.00000000001\"", "\"NaN\"", "\"\"", "\" \"", "\"-0\"", "\"0\"", "\"../../x\"", "\"/\"", "\"a/b\"",
                    "\"file:/etc/passwd\"", "\"\\u0000\"", "\"\\ud83d\\ude00\"", "\"\u00e9\u00e9\u00e9\"", "5", "true", "[]", "{}", "null"));
            case "integer" -> pick(random, List.of("4294967297", "-4294967291", "4294967298", "2147483648", "-2147483649",
                    "9223372036854775808", "1e309", "1.5", "-1", "0", "\"5\"", "null", "true", "1e3", "1E+2", "-0"));
            case "number" -> pick(random, List.of("1e309", "-1e309", "1e999999999", "1E-400", "1e25", "-1", "0", "-0",
                    "99999999999999999999.5", "0.00000000001", "\"1.5\"", "null", "true", "4294967297"));
            case "boolean" -> pick(random, List.of("\"true\"", "1", "0", "null", "\"yes\"", "[]"));
            case "array" -> pick(random, List.of("[]", "[null]", "{}", "\"x\"", "[[]]", "5",
                    "[" + "1,".repeat(9_999) + "1]", "[" + "\"x\",".repeat(2_000) + "\"x\"]"));
            default -> pick(random, List.of("[]", "\"x\"", "null", "5", "{\"\":1}"));
        };
    }

    private static String dropSomeMember(Node document, Random random) {
        List<Node> containers = new ArrayList<>();
        collect(document, containers);
        List<Obj> objects = containers.stream().filter(n -> n instanceof Obj o && !o.members().isEmpty())
                .map(Obj.class::cast).toList();
        if (objects.isEmpty()) {
            return "(nothing)";
        }
        Obj object = pick(random, objects);
        return object.members().remove(random.nextInt(object.members().size())).name();
    }

    private static boolean duplicateSomeKey(Node document, Random random) {
        List<Node> containers = new ArrayList<>();
        collect(document, containers);
        List<Obj> objects = containers.stream().filter(n -> n instanceof Obj o && !o.members().isEmpty())
                .map(Obj.class::cast).toList();
        if (objects.isEmpty()) {
            return false;
        }
        Obj object = pick(random, objects);
        Member member = pick(random, object.members());
        object.members().add(new Member(member.name(), new Lit(pick(random, NASTY_JSON)), member.schema()));
        return true;
    }

    private static void collect(Node node, List<Node> containers) {
        if (node instanceof Obj object) {
            containers.add(object);
            object.members().forEach(m -> collect(m.value(), containers));
        } else if (node instanceof Arr array) {
            containers.add(array);
            array.items().forEach(item -> collect(item, containers));
        }
    }

    private static Node deep(Node inner, int levels) {
        return new Lit("[".repeat(levels) + inner.text() + "]".repeat(levels));
    }

    private static byte[] latin1(byte[] utf8) {
        byte[] copy = utf8.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == 'a' || copy[i] == 'e') {
                copy[i] = (byte) 0xe9;   // é in ISO-8859-1: an invalid UTF-8 sequence on its own
                return copy;
            }
        }
        return (new String(utf8, StandardCharsets.UTF_8) + "\"\u00e9\"").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…(" + text.length() + ")" : text;
    }

    static String quote(String text) {
        return "\"" + text.chars().mapToObj(c -> c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c < 0x20
                ? String.format("\\u%04x", c) : String.valueOf((char) c)).collect(Collectors.joining()) + "\"";
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    // A JSON document that may hold what no JSON library writes: duplicate keys, raw literals.
    private sealed interface Node permits Obj, Arr, Lit {
        String text();
    }

    private record Member(String name, Node value, JsonObject schema) {
    }

    private record Obj(List<Member> members) implements Node {
        @Override
        public String text() {
            return members.stream().map(m -> quote(m.name()) + ":" + m.value().text()).collect(Collectors.joining(",", "{", "}"));
        }
    }

    private record Arr(List<Node> items, JsonObject itemSchema) implements Node {
        @Override
        public String text() {
            return items.stream().map(Node::text).collect(Collectors.joining(",", "[", "]"));
        }
    }

    private record Lit(String text) implements Node {
    }
}
