package dev.inferplan.runner.execution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import dev.inferplan.runner.BenchmarkFailure;
import dev.inferplan.runner.models.ModelSignature.TensorSpec;

import org.junit.jupiter.api.Test;

class DimensionBindingTest {

    private static final TensorSpec INPUT_IDS = new TensorSpec("input_ids", "INT64", List.of("batch_size", "sequence_length"));
    private static final TensorSpec PIXELS = new TensorSpec("pixel_values", "FLOAT", List.of("batch", "3", "height", "width"));

    @Test
    void textModelsGetBatchAndSequenceLength() {
        assertArrayEquals(new long[] {8, 128}, new DimensionBinding(8, 128, Map.of()).shapeOf(INPUT_IDS));
        assertArrayEquals(new long[] {2, 64}, new DimensionBinding(2, 64, Map.of())
                .shapeOf(new TensorSpec("ids", "INT64", List.of("?", "?"))));
    }

    @Test
    void otherSymbolicDimensionsAreBoundByName() {
        assertArrayEquals(new long[] {4, 3, 224, 224},
                new DimensionBinding(4, 0, Map.of("height", 224L, "width", 224L)).shapeOf(PIXELS));
    }

    @Test
    void anUnboundDimensionIsAMissingBindingThatNamesIt() {
        BenchmarkFailure f = assertThrows(BenchmarkFailure.class, () -> new DimensionBinding(1, 0, Map.of()).shapeOf(PIXELS));
        assertEquals(BenchmarkFailure.Kind.MISSING_INPUT_BINDING, f.kind());
        assertEquals("input 'pixel_values' has the symbolic dimension 'height' (position 2) and the job binds no value for it",
                f.getMessage());
        BenchmarkFailure noSequence = assertThrows(BenchmarkFailure.class,
                () -> new DimensionBinding(1, 0, Map.of()).shapeOf(INPUT_IDS));
        assertTrue(noSequence.getMessage().contains("binds no sequence length"));
    }

    @Test
    void aFixedBatchOfOneCannotRunBatchEight() {
        BenchmarkFailure f = assertThrows(BenchmarkFailure.class, () -> new DimensionBinding(8, 0, Map.of())
                .shapeOf(new TensorSpec("x", "FLOAT", List.of("1", "3", "224", "224"))));
        assertEquals(BenchmarkFailure.Kind.IMPOSSIBLE_SWEEP, f.kind());
    }
}
