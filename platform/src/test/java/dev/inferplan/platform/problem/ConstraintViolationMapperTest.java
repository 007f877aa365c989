package dev.inferplan.platform.problem;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConstraintViolationMapperTest {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

    record Budget(@NotNull(message = "required") @DecimalMin(value = "0", message = "0 or more") Double monthlyUsd) {
    }

    record Plan(@NotNull(message = "required") @Text(max = 8) String name,
                @Size(max = 3, message = "at most 3 characters") String note,
                @Valid @NotNull(message = "required") Budget budget,
                @JsonbProperty("max-items") @Max(value = 10, message = "at most 10") Integer maxItems,
                List<@Min(value = 1, message = "each 1 or more") Integer> sizes) {
    }

    @RejectedAs(status = 400, type = "impossible-plan", title = "Bad request", detail = "The plan cannot be made.")
    record ImpossiblePlan(@NotNull(message = "required") String name) {
    }

    /** Stands for a JAX-RS resource: a query parameter and a body. */
    static class Plans {
        public void list(@QueryParam("limit") @Min(value = 1, message = "1 or more") int limit,
                         @QueryParam("q") @Text(max = 4) String q) {
        }

        public void create(@Valid Plan plan) {
        }

        public void impossible(@Valid ImpossiblePlan plan) {
        }
    }

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    private static Problem answer(String method, Class<?>[] types, Object... arguments) throws NoSuchMethodException {
        Set<ConstraintViolation<Plans>> violations = VALIDATION.getValidator().forExecutables()
                .validateParameters(new Plans(), Plans.class.getMethod(method, types), arguments);
        Response response = new ConstraintViolationMapper().toResponse(new ConstraintViolationException(violations));
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        Problem problem = (Problem) response.getEntity();
        assertEquals(problem.status(), response.getStatus());
        return problem;
    }

    private static List<List<String>> errors(Problem problem) {
        return problem.errors().stream().map(e -> List.of(e.field(), e.reason())).toList();
    }

    @Test
    void aBodyFieldIsNamedByItsJsonPathInDeclarationOrderAndAnswers422() throws Exception {
        Problem problem = answer("create", new Class<?>[]{Plan.class},
                new Plan(" ", "long note", new Budget(-1.0), 11, List.of(1, 0)));
        assertEquals(422, problem.status());
        assertEquals("https://inferplan.dev/problems/validation", problem.type().toString());
        assertEquals(List.of(
                List.of("name", "1 to 8 characters are required"),
                List.of("note", "at most 3 characters"),
                List.of("budget.monthlyUsd", "0 or more"),
                List.of("max-items", "at most 10"),
                List.of("sizes", "each 1 or more")), errors(problem));
    }

    @Test
    void aRuleBrokenTwiceWithOneReasonIsSaidOnce() throws Exception {
        Problem problem = answer("create", new Class<?>[]{Plan.class},
                new Plan(" ".repeat(20), null, new Budget(null), null, null));
        assertEquals(List.of(List.of("name", "1 to 8 characters are required"), List.of("budget.monthlyUsd", "required")),
                errors(problem));
    }

    @Test
    void aQueryParameterIsNamedAsInTheQueryAndAnswers400() throws Exception {
        Problem problem = answer("list", new Class<?>[]{int.class, String.class}, 0, "\u2003");
        assertEquals(400, problem.status());
        assertEquals("https://inferplan.dev/problems/bad-request", problem.type().toString());
        assertEquals(List.of(List.of("limit", "1 or more"), List.of("q", "1 to 4 characters are required")),
                errors(problem));
    }

    @Test
    void aRecordCanSayHowItIsRejected() throws Exception {
        Problem problem = answer("impossible", new Class<?>[]{ImpossiblePlan.class}, new ImpossiblePlan(null));
        assertEquals(400, problem.status());
        assertEquals("https://inferplan.dev/problems/impossible-plan", problem.type().toString());
        assertEquals("Bad request", problem.title());
        assertEquals("The plan cannot be made.", problem.detail());
        assertEquals(List.of(List.of("name", "required")), errors(problem));
    }

    @Test
    void textIsBlankByAnyUnicodeWhiteSpace() {
        var validator = VALIDATION.getValidator();
        assertEquals(1, validator.validateValue(Plan.class, "name", "\u2003\t").size());
        assertEquals(0, validator.validateValue(Plan.class, "name", "12345678").size());
        assertEquals(1, validator.validateValue(Plan.class, "name", "123456789").size());
    }
}
