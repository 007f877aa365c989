package dev.inferplan.platform.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A service's own token: the configured one, else one issued from the local key pair with its roles and claims. */
class ServiceTokenTest {

    @TempDir
    Path keys;

    @Test
    void theConfiguredTokenWinsAndWithoutKeysThereIsNone() {
        assertEquals("abc", new ServiceToken(Optional.of("abc"), keys, "inferplan-local", "svc").get());
        ServiceToken none = new ServiceToken(Optional.of(" "), keys, "inferplan-local", "svc");
        assertNull(none.get());
        assertEquals("none (set SVC_TOKEN)", none.source("SVC_TOKEN"));
    }

    @Test
    void anIssuedTokenNamesTheSubjectItsRolesAndClaimsAndIsReused() {
        KeyFiles.ensureKeyPair(keys);
        ServiceToken runner = new ServiceToken(Optional.empty(), keys, "inferplan-local", "runner-1",
                List.of(Roles.RUNNER), Map.of(Roles.POOL_CLAIM, "gpu-a"));
        String token = runner.get();
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"sub\":\"runner-1\""), payload);
        assertTrue(payload.contains("\"" + Roles.RUNNER + "\""), payload);
        assertTrue(payload.contains("\"" + Roles.POOL_CLAIM + "\":\"gpu-a\""), payload);
        assertSame(token, runner.get(), "renewed only after an hour");
        String viewer = new ServiceToken(Optional.empty(), keys, "inferplan-local", "catalog-service").get();
        String viewerPayload = new String(Base64.getUrlDecoder().decode(viewer.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(viewerPayload.contains("\"" + Roles.VIEWER + "\""), viewerPayload);
    }
}
