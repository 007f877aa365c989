package dev.inferplan.gateway.routing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.inferplan.platform.problem.Problem;

import io.helidon.webserver.http.ServerResponse;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/** The gateway's own refusals and upstream failures, as the same problem+json the services answer with. */
public final class ProblemAnswers {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private ProblemAnswers() {
    }

    public static Problem problem(String type, String title, int status, String detail) {
        return new Problem(URI.create(Problem.TYPE_BASE + type), title, status, detail, null, List.of());
    }

    public static void send(ServerResponse response, Problem problem) {
        byte[] body = JSONB.toJson(problem).getBytes(StandardCharsets.UTF_8);
        response.status(problem.status());
        response.header("Content-Type", Problem.MEDIA_TYPE);
        response.send(body);
    }
}
