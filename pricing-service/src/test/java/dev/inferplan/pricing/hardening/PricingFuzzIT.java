package dev.inferplan.pricing.hardening;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.inferplan.platform.testing.MariaDbDatabase;
import dev.inferplan.platform.testing.RawHttp;
import dev.inferplan.platform.testing.ServiceProcess;
import dev.inferplan.platform.testing.StoredRows;
import dev.inferplan.platform.testing.TestTokens;
import dev.inferplan.platform.testing.fuzz.FuzzRequest;
import dev.inferplan.platform.testing.fuzz.ServiceFuzz;

import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The fuzz test (issue 11 §6) against pricing as a process on MariaDB, with a small price book (the
 * on-prem example, imported through the API) so that offer queries, versions and diffs have rows to read.
 */
class PricingFuzzIT extends ServiceFuzz {

    private static final String PRICE_LIST = """
            region,zone,instance_type,accelerator,accelerator_count,accelerator_memory_gib,vcpus,memory_gib,cpu_architecture,purchase_option,price,currency,unit,upfront,term_months
            dc-frankfurt,,dgx-h100-node,H100,8,80,224,2048,x86_64,NEGOTIATED,61.20,EUR,hour,,
            dc-virginia,,cpu-inference-node,,,,64,512,x86_64,NEGOTIATED,1.95,USD,hour,,
            dc-virginia,,a100-node,A100-80GB,8,80,128,1024,x86_64,RESERVED_3Y,9.40,USD,hour,150000,
            """;

    private static ServiceProcess pricing;
    private static StoredRows rows;
    private static Map<String, List<String>> known;

    @BeforeContainer
    static void start() {
        String database = MariaDbDatabase.prepareFor(PricingFuzzIT.class);
        pricing = ServiceProcess.start("pricing-service", ServiceProcess.config(
                "DB_URL", database, "DB_USER", MariaDbDatabase.user(), "DB_PASSWORD", MariaDbDatabase.password(),
                "pricing.seed.enabled", "false"));
        rows = StoredRows.open(database, MariaDbDatabase.user(), MariaDbDatabase.password());
        RawHttp http = new RawHttp(pricing.baseUri());
        Map<String, String> admin = Map.of("Authorization", "Bearer " + TestTokens.token("admin"),
                "Content-Type", "application/json");
        RawHttp.Answer rate = http.send("PUT", "/api/pricing/fx-rates/EUR", admin, "{\"usdPerUnit\": \"1.08\"}".getBytes(StandardCharsets.UTF_8));
        RawHttp.Answer book = http.send("POST", "/api/pricing/imports?format=suite-csv&provider=onprem&mode=strict&wait=true",
                Map.of("Authorization", "Bearer " + TestTokens.token("admin"), "Content-Type", "text/csv"),
                PRICE_LIST.getBytes(StandardCharsets.UTF_8));
        if (rate.status() >= 300 || book.status() != 200) {
            throw new IllegalStateException("price book: " + rate + " / " + book);
        }
        String importId = String.valueOf(book.json().getJsonNumber("id").longValue());
        String version = String.valueOf(book.json().getJsonNumber("priceBookVersion").longValue());
        known = Map.ofEntries(
                Map.entry("id", List.of(importId, version)),
                Map.entry("provider", List.of("onprem", "aws", "gcp")),
                Map.entry("format", List.of("suite-csv", "skypilot", "aws-offer", "azure-retail")),
                Map.entry("mode", List.of("strict", "lenient")),
                Map.entry("wait", List.of("true")),
                Map.entry("currency", List.of("EUR", "USD", "GBP")),
                Map.entry("region", List.of("dc-virginia", "us-east-1")),
                Map.entry("accelerator", List.of("H100", "A100-80GB")),
                Map.entry("purchaseOption", List.of("ON_DEMAND", "NEGOTIATED", "RESERVED_3Y", "SPOT")),
                Map.entry("sort", List.of("hourlyUsd", "perAcceleratorHourUsd")),
                Map.entry("asOf", List.of("2026-12-03T07:00:00Z", Instant.now().toString())),
                Map.entry("usdPerUnit", List.of("1.08", "0.5")));
    }

    @AfterContainer
    static void stop() {
        if (rows != null) {
            rows.close();
        }
        if (pricing != null) {
            pricing.close();
        }
    }

    /** An import accepted without waiting runs in the background: let it finish before the next count. */
    @Override
    protected void settle(FuzzRequest request, RawHttp.Answer answer) {
        if (answer.status() != 202) {
            return;
        }
        String location = answer.header("location").orElseThrow();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            RawHttp.Answer run = new RawHttp(pricing.baseUri()).get(URI.create(location).getPath(), TestTokens.token("admin"));
            if (run.status() == 200 && !run.json().getString("status").equals("RUNNING")) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("import still RUNNING after 60 s: " + location);
    }

    @Override
    protected URI service() {
        return pricing.baseUri();
    }

    @Override
    protected String token() {
        return TestTokens.token("fuzzer", "viewer", "team", "reviewer", "admin", "runner");
    }

    @Override
    protected Map<String, List<String>> known() {
        return known;
    }

    /**
     * A refused import keeps its own record on purpose (the run, its rejections and warnings, readable at
     * {@code /api/pricing/imports/{id}}); what a refusal must never change is the rest, the book above all.
     */
    @Override
    protected Map<String, Long> storedRows() {
        Map<String, Long> counts = new TreeMap<>(rows.counts());
        counts.keySet().removeAll(IMPORT_RECORDS);
        return counts;
    }

    private static final Set<String> IMPORT_RECORDS = Set.of("import_run", "import_rejection", "import_warning");
}
