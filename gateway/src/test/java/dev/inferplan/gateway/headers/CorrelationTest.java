package dev.inferplan.gateway.headers;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorrelationTest {

    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aValidTraceContextAndRequestIdPassUnchanged() {
        Correlation c = Correlation.of("req-1", PARENT, "vendor=abc");
        assertEquals("req-1", c.requestId());
        assertEquals(PARENT, c.traceparent());
        assertEquals(Optional.of("vendor=abc"), c.tracestate());
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", c.traceId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "garbage"})
    void anInvalidTraceContextStartsANewTraceWithoutTheOldState(String traceparent) {
        Correlation c = Correlation.of(null, traceparent, "vendor=abc");
        assertTrue(c.traceparent().matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"), c.traceparent());
        assertNotEquals(traceparent, c.traceparent());
        assertEquals(Optional.empty(), c.tracestate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "new\nline", "<script>"})
    void aRequestIdThatIsNotAShortTokenIsReplaced(String offered) {
        String id = Correlation.of(offered, null, null).requestId();
        assertNotEquals(offered, id);
        assertTrue(id.matches("[0-9a-f-]{36}"), id);
    }

    @Test
    void aMissingRequestIdIsGeneratedFreshEachTime() {
        assertNotEquals(Correlation.of(null, null, null).requestId(), Correlation.of(null, null, null).requestId());
    }
}
