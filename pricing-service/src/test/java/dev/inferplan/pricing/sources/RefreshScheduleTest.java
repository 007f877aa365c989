package dev.inferplan.pricing.sources;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RefreshScheduleTest {

    private static final Instant START = Instant.parse("2026-12-03T05:30:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "PT6H | 2026-12-03T11:30:00Z", "6h | 2026-12-03T11:30:00Z", "30m | 2026-12-03T06:00:00Z",
            "10s | 2026-12-03T05:30:10Z", "2d | 2026-12-05T05:30:00Z",
            "0 0 6 * * ? | 2026-12-03T06:00:00Z", "0 6 * * * | 2026-12-03T06:00:00Z",
            "0 0 */4 * * ? | 2026-12-03T08:00:00Z", "0 0 6 ? * MON | 2026-12-07T06:00:00Z"})
    void theNextRefreshFollowsTheIntervalOrTheCronInUtc(String schedule, String next) {
        assertEquals(Instant.parse(next), RefreshSchedule.parse(schedule).next(START).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "PT0S", "-5m", "0s", "61 * * * *", "0 0 25 * * ?", "P"})
    void anythingElseIsRefusedNamingIt(String schedule) {
        assertThrows(IllegalArgumentException.class, () -> RefreshSchedule.parse(schedule));
    }
}
