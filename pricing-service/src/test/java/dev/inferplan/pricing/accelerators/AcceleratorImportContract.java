package dev.inferplan.pricing.accelerators;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.inferplan.contracts.accelerators.Accelerator;
import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;
import dev.inferplan.platform.testing.TestTokens;

import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Any SkyPilot-format catalog imports (issue 14 §1), through REST into the real database (H2 or
 * MariaDB per subclass): every spelling of the vocabulary, memory figures that disagree with the
 * name, exact duplicate rows, an admin's accelerator used by the next import, and unknown names kept
 * as unmapped:&lt;name&gt; in lenient mode until a mapping re-labels them in a new version.
 */
abstract class AcceleratorImportContract {

    static final String HEADER = "InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,Region\n";

    @Inject
    WebTarget target;

    @Test
    void aGeneratedCatalogUsingEverySpellingOfTheVocabularyImportsStrictly() {
        StringBuilder file = new StringBuilder(HEADER);
        Map<String, String> expected = new LinkedHashMap<>();
        int row = 0;
        for (AcceleratorVocabulary.Definition definition : AcceleratorVocabulary.standard().definitions()) {
            Accelerator a = definition.accelerator();
            List<String> names = new ArrayList<>(definition.aliases());
            names.add(a.id().id());
            names.add(a.displayName());
            for (String name : names) {
                String type = "gen-" + row++;
                expected.put(type, a.id().id());
                // as the catalogs write it: the name, and (where the model has a figure) the memory per GPU
                String gpuInfo = a.memoryGib().isEmpty() ? "" : "\"{'Gpus': [{'Name': '" + name + "', 'Count': 1,"
                        + " 'MemoryInfo': {'SizeInMiB': " + (long) (a.memoryGibPerDevice() * 1024) + "}}],"
                        + " 'TotalGpuMemoryInMiB': " + (long) (a.memoryGibPerDevice() * 1024) + "}\"";
                file.append(type).append(',').append(name).append(",1,8,32,").append(gpuInfo).append(",1.25,,r-1\n");
            }
        }
        JsonObject report = importNow("every-spelling", "strict", file.toString());
        assertEquals(expected.size(), report.getInt("offersCreated"), report::toString);
        assertEquals(0, report.getInt("rejectedCount"));
        assertEquals(0, report.getInt("warningCount"), report::toString);
        Map<String, String> imported = offers("every-spelling").stream()
                .collect(Collectors.toMap(o -> o.getString("instanceType"), o -> o.getString("accelerator")));
        assertEquals(expected, new LinkedHashMap<>(expected.keySet().stream()
                .collect(Collectors.toMap(k -> k, imported::get, (x, y) -> x, LinkedHashMap::new))));
        assertTrue(expected.size() > 250, "every alias of every accelerator: " + expected.size());
    }

    @Test
    void aMemoryFigureThatFitsNoVariantImportsTheNamesDefaultWithAWarning() {
        // 640 GiB is the host's memory written into the per-device field; 81920 MiB picks the 80GB A100
        JsonObject report = importNow("memory-figures", "strict", HEADER
                + "host-mem,A100,8,96,1152,\"{'Gpus': [{'Name': 'A100', 'Count': 8, 'MemoryInfo': {'SizeInMiB': 655360}}]}\",30.00,,r-1\n"
                + "variant,A100,1,12,85,\"{'Gpus': [{'Name': 'A100', 'Count': 1, 'MemoryInfo': {'SizeInMiB': 81920}}]}\",4.00,,r-1\n"
                + "name-only,H100,1,26,200,H100,3.00,,r-1\n");
        assertEquals(3, report.getInt("offersCreated"));
        assertEquals(1, report.getInt("warningCount"));
        JsonObject warning = report.getJsonArray("warnings").getJsonObject(0);
        assertEquals(2, warning.getInt("line"));
        assertEquals("GpuInfo", warning.getString("column"));
        assertTrue(warning.getString("reason").contains("640") && warning.getString("reason").contains("nvidia-a100-40gb"),
                warning::toString);
        Map<String, String> imported = offers("memory-figures").stream()
                .collect(Collectors.toMap(o -> o.getString("instanceType"), o -> o.getString("accelerator")));
        assertEquals(Map.of("host-mem", "nvidia-a100-40gb", "variant", "nvidia-a100-80gb", "name-only", "nvidia-h100-80gb"),
                imported);
    }

    @Test
    void exactDuplicateRowsImportOnceWithAWarningAndDisagreeingOnesAreStillRefused() {
        String row = "dup-1,T4,1,4,16,,0.50,0.20,r-1\n";
        JsonObject report = importNow("exact-dups", "strict", HEADER + row + row + "dup-2,,0,2,8,,0.10,,r-1\n");
        assertEquals(3, report.getInt("offersCreated"), "on-demand and spot of dup-1, and dup-2");
        assertEquals(2, report.getInt("warningCount"), "the second row's two offers");
        assertTrue(report.getJsonArray("warnings").getJsonObject(0).getString("reason").contains("line 2"));
        try (Response refused = post("exact-dups-2", "strict", HEADER + row + "dup-1,T4,1,4,16,,0.60,0.20,r-1\n")) {
            assertEquals(422, refused.getStatus());
        }
    }

    @Test
    void anAcceleratorAnAdminAddsIsUsedByTheNextImportAndAudited() {
        String file = HEADER + "acme-node,Acme X9,2,16,64,,5.00,,r-1\n";
        try (Response refused = post("acme", "strict", file)) {
            assertEquals(422, refused.getStatus(), "unknown before the addition");
        }
        try (Response added = addAccelerator("admin", "{\"id\": \"acme-x9\", \"aliases\": [\"Acme X9\", \"X9-64GB\"],"
                + " \"vendor\": \"Acme\", \"memoryGib\": 64, \"kind\": \"ASIC\"}")) {
            assertEquals(201, added.getStatus(), () -> added.readEntity(String.class));
        }
        JsonObject report = importNow("acme", "strict", file);
        assertEquals("acme-x9", offers("acme").get(0).getString("accelerator"));
        assertEquals("2.5000", offers("acme").get(0).getString("perAcceleratorHourUsd"));
        assertEquals(1, report.getInt("offersCreated"));
        JsonArray audit = target.path("/api/pricing/accelerators/audit").request()
                .header("Authorization", TestTokens.bearer("reviewer")).get(JsonArray.class);
        JsonObject entry = audit.getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("entityId").equals("acme-x9")).findFirst().orElseThrow();
        assertEquals("ADD", entry.getString("action"));
        assertEquals("test-admin", entry.getString("actor"));
        assertTrue(target.path("/api/pricing/accelerators").request().header("Authorization", TestTokens.bearer("viewer"))
                .get(JsonArray.class).getValuesAs(JsonObject.class).stream()
                .anyMatch(a -> a.getString("id").equals("acme-x9") && a.getBoolean("added")));
    }

    @Test
    void anAdditionThatCollidesOrIsInvalidOrNotAnAdminsIsRefused() {
        try (Response collision = addAccelerator("admin", "{\"id\": \"acme-t4\", \"aliases\": [\"Tesla T4\"],"
                + " \"vendor\": \"Acme\", \"memoryGib\": 16, \"kind\": \"GPU\"}")) {
            assertEquals(409, collision.getStatus());
            assertTrue(collision.readEntity(String.class).contains("nvidia-t4"));
        }
        try (Response sameId = addAccelerator("admin", "{\"id\": \"nvidia-l4\", \"aliases\": [],"
                + " \"vendor\": \"Acme\", \"memoryGib\": 16, \"kind\": \"GPU\"}")) {
            assertEquals(409, sameId.getStatus());
        }
        try (Response invalid = addAccelerator("admin", "{\"id\": \"Bad Id\", \"aliases\": [\"a|b\"],"
                + " \"vendor\": \"\", \"memoryGib\": -1, \"kind\": \"QPU\"}")) {
            assertEquals(400, invalid.getStatus());
            String body = invalid.readEntity(String.class);
            for (String field : List.of("\"id\"", "\"vendor\"", "\"memoryGib\"", "\"kind\"", "\"aliases[0]\"")) {
                assertTrue(body.contains(field), field + " in " + body);
            }
        }
        try (Response team = addAccelerator("team", "{\"id\": \"team-x\", \"aliases\": [], \"vendor\": \"T\","
                + " \"memoryGib\": 1, \"kind\": \"GPU\"}")) {
            assertEquals(403, team.getStatus());
        }
    }

    @Test
    void leniently_anUnknownAcceleratorIsUnmappedUntilAMappingRelabelsItInANewVersion() {
        String file = HEADER + "zeta-node,Zeta Z1,4,32,128,,8.00,,r-1\n" + "t4-node,T4,1,4,16,,0.50,,r-1\n";
        JsonObject report = importNow("zeta", "lenient", file);
        long first = report.getJsonNumber("priceBookVersion").longValue();
        assertEquals(2, report.getInt("offersCreated"));
        assertEquals(1, report.getInt("warningCount"));
        assertTrue(report.getJsonArray("warnings").getJsonObject(0).getString("reason").contains("unmapped:Zeta Z1"));
        JsonArray unmapped = target.path("/api/pricing/offers").queryParam("provider", "zeta")
                .queryParam("accelerator", "unmapped:Zeta Z1").request()
                .header("Authorization", TestTokens.bearer("viewer")).get(JsonObject.class).getJsonArray("items");
        assertEquals(1, unmapped.size(), "visible in queries under its unmapped id");
        try (Response strict = post("zeta-strict", "strict", file)) {
            assertEquals(422, strict.getStatus(), "strict mode still refuses an unknown name");
        }

        JsonObject added;
        try (Response response = addAccelerator("admin", "{\"id\": \"zeta-z1\", \"aliases\": [\"Zeta Z1\"],"
                + " \"vendor\": \"Zeta\", \"memoryGib\": 32, \"kind\": \"GPU\"}")) {
            assertEquals(201, response.getStatus(), () -> response.readEntity(String.class));
            added = response.readEntity(JsonObject.class);
        }
        JsonObject relabelled = added.getJsonArray("relabelled").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("provider").equals("zeta")).findFirst().orElseThrow();
        assertEquals(first, relabelled.getJsonNumber("previousVersion").longValue());
        assertEquals(1, relabelled.getInt("offersRelabelled"));
        long second = relabelled.getJsonNumber("priceBookVersion").longValue();
        Map<String, String> now = offers("zeta").stream().collect(Collectors.toMap(o -> o.getString("instanceType"),
                o -> o.getString("accelerator") + "@" + o.getJsonNumber("priceBookVersion").longValue()));
        assertEquals(Map.of("zeta-node", "zeta-z1@" + second, "t4-node", "nvidia-t4@" + second), now);
        assertEquals("2.0000", offers("zeta").stream().filter(o -> o.getString("instanceType").equals("zeta-node"))
                .findFirst().orElseThrow().getString("perAcceleratorHourUsd"));
        assertEquals("UNCHANGED", importNow("zeta", "lenient", file).getString("status"),
                "the re-labelled version keeps its source: the same file changes nothing");
    }

    List<JsonObject> offers(String provider) {
        return target.path("/api/pricing/offers").queryParam("provider", provider).queryParam("limit", 1000).request()
                .header("Authorization", TestTokens.bearer("viewer")).get(JsonObject.class).getJsonArray("items")
                .getValuesAs(JsonObject.class);
    }

    Response addAccelerator(String role, String json) {
        return target.path("/api/pricing/accelerators").request().header("Authorization", TestTokens.bearer(role))
                .post(Entity.json(json));
    }

    JsonObject importNow(String provider, String mode, String csv) {
        try (Response response = post(provider, mode, csv)) {
            assertEquals(200, response.getStatus(), () -> response.readEntity(String.class));
            return response.readEntity(JsonObject.class);
        }
    }

    Response post(String provider, String mode, String csv) {
        return target.path("/api/pricing/imports").queryParam("format", "skypilot").queryParam("provider", provider)
                .queryParam("mode", mode).queryParam("wait", "true").request()
                .header("Authorization", TestTokens.bearer("admin"))
                .post(Entity.entity(csv.getBytes(StandardCharsets.UTF_8), "text/csv"));
    }
}
