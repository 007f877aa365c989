package dev.inferplan.recommender.endtoend;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import dev.inferplan.platform.testing.ServiceProcess;
import dev.inferplan.platform.testing.TestTokens;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;

/** Plain HTTP to the suite's processes, as a client of the public API would call them. */
final class Suite {

    private Suite() {
    }

    static HttpResponse<String> send(ServiceProcess service, String method, String path, String contentType,
                                     String body, String token) {
        return service.send(method, path, contentType, body, token, Duration.ofSeconds(120));
    }

    static JsonObject post(ServiceProcess service, String path, String json, int expected, String role) {
        HttpResponse<String> response = send(service, "POST", path, "application/json", json, TestTokens.token("tina", role));
        if (response.statusCode() != expected) {
            throw new AssertionError(path + ": expected " + expected + ", got " + response.statusCode() + ": "
                    + response.body());
        }
        return (JsonObject) parse(response.body());
    }

    static JsonStructure get(ServiceProcess service, String path, String role) {
        HttpResponse<String> response = send(service, "GET", path, null, null, TestTokens.token("tina", role));
        if (response.statusCode() != 200) {
            throw new AssertionError(path + ": " + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    static JsonStructure parse(String json) {
        return Json.createReader(new StringReader(json)).read();
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + ": not within " + timeout);
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
