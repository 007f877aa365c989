package dev.inferplan.platform.problem;

import java.net.URI;
import java.util.List;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProblemResponseFilterTest {

    @Test
    void problemSerializesInRfc9457FieldOrderWithTheFieldsAtFault() throws Exception {
        Problem problem = ProblemException.unprocessable("The rate is out of range.",
                List.of(Problem.FieldError.field("usdPerUnit", "must be positive"),
                        Problem.FieldError.at(17, "SpotPrice", "not a number")))
                .toProblem(URI.create("/api/pricing/fx-rates/EUR"));
        try (Jsonb jsonb = JsonbBuilder.create()) {
            assertEquals("{\"type\":\"https://inferplan.dev/problems/validation\",\"title\":\"Unprocessable content\","
                    + "\"status\":422,\"detail\":\"The rate is out of range.\",\"instance\":\"/api/pricing/fx-rates/EUR\","
                    + "\"errors\":[{\"field\":\"usdPerUnit\",\"reason\":\"must be positive\"},"
                    + "{\"line\":17,\"column\":\"SpotPrice\",\"reason\":\"not a number\"}]}", jsonb.toJson(problem));
        }
    }

    @Test
    void statusesWithoutAMapperGetTypedProblems() {
        assertEquals(URI.create(Problem.TYPE_BASE + "unauthenticated"), ProblemResponseFilter.typeFor(401));
        assertEquals(URI.create(Problem.TYPE_BASE + "forbidden"), ProblemResponseFilter.typeFor(403));
        assertEquals(URI.create("about:blank"), ProblemResponseFilter.typeFor(418));
    }
}
