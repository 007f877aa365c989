package dev.inferplan.platform.testing.fuzz;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.inferplan.platform.problem.Problem;
import dev.inferplan.platform.testing.RawHttp;

import jakarta.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 11 §6, what every service must do with any input: never a 5xx, every error
 * {@code application/problem+json} with its status, nothing stored when a request is refused, and no
 * 2xx for a body that is not one well-formed JSON document. Each service's {@code *FuzzIT} starts the
 * service as a real process, says what exists in it ({@link #known()}) and how to count what it
 * stores ({@link #storedRows()}); the operations come from the service's own {@code /openapi}.
 *
 * <p>A failure prints the request and the answer; jqwik prints the seed to replay it
 * ({@code @Property(seed = "…")}).
 */
public abstract class ServiceFuzz {

    /** The running service. */
    protected abstract URI service();

    /** A token that may call every operation. */
    protected abstract String token();

    /** Values that exist in the service, by parameter or property name. */
    protected abstract Map<String, List<String>> known();

    /** What the service has stored (row counts per table), or an empty map for a service that stores nothing. */
    protected abstract Map<String, Long> storedRows();

    /** Called after a request was accepted, e.g. to wait for the work it started to finish. */
    protected void settle(FuzzRequest request, RawHttp.Answer answer) {
    }

    /** Where the service's own OpenAPI document is (the gateway serves the suite's merged one at /openapi). */
    protected String documentPath() {
        return "/openapi";
    }

    private MalformedRequests requests() {
        return new MalformedRequests(ApiOperation.of(service(), documentPath()), known(), this::token);
    }

    @Provide
    Arbitrary<FuzzRequest> bodiesAndParameters() {
        return requests().bodiesAndParameters();
    }

    @Provide
    Arbitrary<FuzzRequest> wire() {
        return requests().wire();
    }

    @Provide
    Arbitrary<FuzzRequest> everyFieldAndParameter() {
        return Arbitraries.of(requests().everyFieldAndParameter());
    }

    /** Each field of each body and each parameter with each kind of bad value, once (exhaustive). */
    @Property(generation = GenerationMode.EXHAUSTIVE, tries = 20_000, shrinking = ShrinkingMode.OFF)
    void everyFieldAndParameterRefusesBadValuesCleanly(@ForAll("everyFieldAndParameter") FuzzRequest request) {
        send(request);
    }

    @Property(tries = 200, shrinking = ShrinkingMode.OFF)
    void malformedBodiesAndParametersAreRefusedCleanly(@ForAll("bodiesAndParameters") FuzzRequest request) {
        send(request);
    }

    @Property(tries = 100, shrinking = ShrinkingMode.OFF)
    void malformedRequestsOnTheWireAreRefusedCleanly(@ForAll("wire") FuzzRequest request) {
        send(request);
    }

    /**
     * With {@code -Dinferplan.fuzz.keep-going=true} a failure is appended to {@code target/fuzz-failures.txt}
     * and the run goes on, to list every failing case at once instead of the first.
     */
    protected void send(FuzzRequest request) {
        if (!Boolean.getBoolean("inferplan.fuzz.keep-going")) {
            check(request);
            return;
        }
        try {
            check(request);
        } catch (AssertionError e) {
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of("target", "fuzz-failures.txt"),
                        getClass().getSimpleName() + ": " + e.getMessage() + "\n\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException io) {
                throw new java.io.UncheckedIOException(io);
            }
        }
    }

    private void check(FuzzRequest request) {
        Map<String, Long> before = storedRows();
        RawHttp.Answer answer;
        try {
            answer = new RawHttp(service()).send(request.method(), request.target(), request.headers(), request.body());
        } catch (java.io.UncheckedIOException e) {
            throw new AssertionError("no answer (" + e.getCause().getMessage() + ")\nrequest: " + request, e);
        }
        String context = "\nrequest: " + request + "\nanswer:  " + answer;
        if (answer.status() >= 500) {
            fail("a " + answer.status() + context);
        }
        if (answer.status() >= 400) {
            assertTrue(answer.contentType().startsWith(Problem.MEDIA_TYPE), "not problem+json" + context);
            if (!request.method().equals("HEAD")) {
                JsonObject problem;
                try {
                    problem = answer.json();
                } catch (RuntimeException e) {
                    throw new AssertionError("the problem is not a JSON object" + context, e);
                }
                assertEquals(answer.status(), problem.getInt("status", -1), "the problem's status" + context);
            }
            assertEquals(before, storedRows(), "stored something although refused" + context);
        } else {
            if (request.mustBeRefused()) {
                fail("accepted a body that is not one well-formed JSON document" + context);
            }
            settle(request, answer);
        }
    }
}
