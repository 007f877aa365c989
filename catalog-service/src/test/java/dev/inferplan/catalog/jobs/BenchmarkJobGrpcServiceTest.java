package dev.inferplan.catalog.jobs;

import java.util.ArrayList;
import java.util.List;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchmarkJobGrpcServiceTest {

    @Test
    void anUnforeseenFailureIsAnsweredAsInternalWithAnErrorIdInsteadOfLeavingTheCallOpen() {
        Recorded<String> response = new Recorded<>();
        BenchmarkJobGrpcService.answer(response, () -> {
            throw new IllegalStateException("Value too long for column \"CPU_MODEL CHARACTER VARYING(256)\"");
        });
        assertEquals(List.of(), response.values);
        Status status = Status.fromThrowable(response.error);
        assertEquals(Status.Code.INTERNAL, status.getCode());
        assertTrue(status.getDescription().startsWith("an unexpected error occurred; quote error id "), status::toString);
        assertTrue(!status.getDescription().contains("CPU_MODEL"), "no database internals in the answer");
    }

    @Test
    void aResultIsAnsweredAndCompleted() {
        Recorded<String> response = new Recorded<>();
        BenchmarkJobGrpcService.answer(response, () -> "ok");
        assertEquals(List.of("ok"), response.values);
        assertTrue(response.completed);
    }

    private static final class Recorded<T> implements StreamObserver<T> {
        final List<T> values = new ArrayList<>();
        Throwable error;
        boolean completed;

        @Override
        public void onNext(T value) {
            values.add(value);
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onCompleted() {
            completed = true;
        }
    }
}
