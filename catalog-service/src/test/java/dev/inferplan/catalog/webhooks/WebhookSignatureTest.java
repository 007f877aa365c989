package dev.inferplan.catalog.webhooks;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WebhookSignatureTest {

    @Test
    void isTheHexHmacSha256OfTheBody() {
        // RFC 4231, test case 2.
        assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                WebhookSignature.of("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)));
    }
}
