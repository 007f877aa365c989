package dev.inferplan.catalog.reviews;

import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The benchmark gate's one rule, case by case. */
class BenchmarkGateTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("measured by a job on a runner pool", true, "MEASURED", 7L, "local-cpu", false, null, Boolean.TRUE),
                Arguments.of("measured, valid, but a quick look that is not MLPerf-compliant", true, "MEASURED", 7L, "local-cpu",
                        false, "not MLPerf-compliant", Boolean.FALSE),
                Arguments.of("measured before compliance was recorded", true, "MEASURED", 7L, "local-cpu", false,
                        "of unknown MLPerf compliance (stored before it was recorded)", null),
                Arguments.of("measured but invalid", false, "MEASURED", 7L, "local-cpu", false, "invalid", Boolean.TRUE),
                Arguments.of("measured without a job", true, "MEASURED", null, "local-cpu", false,
                        "measured outside a runner's job on a registered pool", Boolean.TRUE),
                Arguments.of("measured on a published pool", true, "MEASURED", 7L, "published/nvidia-h100x8", false,
                        "measured outside a runner's job on a registered pool", Boolean.TRUE),
                Arguments.of("published, cited by the committee", true, "PUBLISHED", null, "published/nvidia-h100x8", true,
                        null, null),
                Arguments.of("published, no committee citation", true, "PUBLISHED", null, "published/nvidia-h100x8", false,
                        "published without a citation recorded by a reviewer or admin", null),
                Arguments.of("published, cited, but invalid", false, "PUBLISHED", null, "test-cpu-pool", true, "invalid", null),
                Arguments.of("unknown provenance", true, "CLAIMED", null, "test-cpu-pool", true, "unknown provenance", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void countsOnlyValidMeasuredOrCommitteeCitedPublishedResults(String name, boolean valid, String kind, Long jobId,
                                                                  String pool, boolean cited, String expected,
                                                                  Boolean mlperfCompliant) {
        assertEquals(Optional.ofNullable(expected),
                BenchmarkGate.whyNotCounted(new BenchmarkGate.Candidate(1, valid, kind, jobId, pool, cited, mlperfCompliant)));
    }
}
