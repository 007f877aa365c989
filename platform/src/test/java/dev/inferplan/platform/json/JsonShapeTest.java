package dev.inferplan.platform.json;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.inferplan.contracts.money.Money;
import dev.inferplan.platform.problem.Problem.FieldError;

import jakarta.json.bind.annotation.JsonbProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonShapeTest {

    enum Scenario { OFFLINE, SERVER }

    record Sweep(List<Integer> batchSizes, int sequenceLength) {
    }

    record Job(Long modelVersionId, String pool, Scenario scenario, Sweep sweep, Integer durationSeconds, Double targetQps,
               Boolean allowFallback, long queries, BigDecimal value, Optional<Short> priority, Instant notBefore,
               Map<String, Integer> limits, @JsonbProperty("cpu-cores") Integer cpuCores, Money price) {
    }

    private static List<FieldError> mismatches(String json) {
        return JsonShape.mismatches(StrictJson.parse(json), Job.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // the wrapped integers: each was stored as something else
            "{\"sweep\":{\"batchSizes\":[4294967297]}}  | sweep.batchSizes[0] | must be a whole number from -2147483648 to 2147483647",
            "{\"durationSeconds\":-4294967291}          | durationSeconds     | must be a whole number from -2147483648 to 2147483647",
            "{\"cpu-cores\":4294967298}                  | cpu-cores           | must be a whole number from -2147483648 to 2147483647",
            "{\"queries\":1e309}                         | queries             | must be a whole number from -9223372036854775808 to 9223372036854775807",
            "{\"queries\":9223372036854775808}           | queries             | must be a whole number from -9223372036854775808 to 9223372036854775807",
            "{\"durationSeconds\":1.5}                   | durationSeconds     | must be a whole number, not a fraction",
            "{\"sweep\":{\"sequenceLength\":null}}       | sweep.sequenceLength | must not be null",
            "{\"durationSeconds\":\"5\"}                 | durationSeconds     | must be a whole number",
            "{\"allowFallback\":\"true\"}                | allowFallback       | must be true or false",
            "{\"allowFallback\":1}                       | allowFallback       | must be true or false",
            "{\"pool\":5}                                | pool                | must be a string",
            "{\"pool\":[\"a\"]}                          | pool                | must be a string",
            "{\"targetQps\":1e309}                       | targetQps           | must be a number within ±1.7976931348623157E308",
            "{\"targetQps\":\"NaN\"}                     | targetQps           | must be a number",
            "{\"value\":1e999999999}                     | value               | must be a number with at most 100 digits before and after the point",
            "{\"value\":\"1.5\"}                         | value               | must be a number",
            "{\"scenario\":\"offline\"}                  | scenario            | must be one of [OFFLINE, SERVER]",
            "{\"priority\":40000}                        | priority            | must be a whole number from -32768 to 32767",
            "{\"notBefore\":17}                          | notBefore           | must be a string",
            "{\"limits\":{\"gpu\":1.25}}                 | limits.gpu          | must be a whole number, not a fraction",
            "{\"sweep\":[1]}                             | sweep               | must be an object",
            "{\"sweep\":{\"batchSizes\":8}}              | sweep.batchSizes    | must be an array",
            "{\"price\":3.06}                            | price               | must be a string",
    })
    void aValueThatDoesNotFitItsFieldIsNamed(String json, String field, String reason) {
        assertEquals(List.of(FieldError.field(field, reason)), mismatches(json));
    }

    @Test
    void valuesThatFitPass() {
        assertEquals(List.of(), mismatches("""
                {"modelVersionId": 9007199254740993, "pool": "local-cpu", "scenario": "SERVER",
                 "sweep": {"batchSizes": [1, 2.0, 1e2, 2147483647], "sequenceLength": 128},
                 "durationSeconds": -2147483648, "targetQps": 1.5e3, "allowFallback": false, "queries": 0,
                 "value": 0.000001, "priority": null, "notBefore": "2026-12-03T07:00:00Z", "limits": {"gpu": 1},
                 "cpu-cores": 16, "price": "3.0600", "somethingNew": [1, "two"]}
                """));
    }

    @Test
    void theWholeDocumentMustBeAnObjectForARecord() {
        assertEquals(List.of(FieldError.field("$", "must be an object")), mismatches("[1]"));
    }

    @Test
    void everyMismatchIsListed() {
        assertEquals(List.of("pool", "durationSeconds", "allowFallback"),
                mismatches("{\"pool\":1,\"durationSeconds\":0.5,\"allowFallback\":\"no\"}").stream()
                        .map(FieldError::field).toList());
    }
}
