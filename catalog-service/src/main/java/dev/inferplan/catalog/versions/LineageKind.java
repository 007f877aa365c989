package dev.inferplan.catalog.versions;

import java.util.Arrays;
import java.util.Optional;

/** How a version derives from another one. */
public enum LineageKind {
    QUANTIZED_FROM("quantized-from"), DISTILLED_FROM("distilled-from"), FINE_TUNED_FROM("fine-tuned-from");

    private final String wire;

    LineageKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<LineageKind> parse(String value) {
        return value == null ? Optional.empty()
                : Arrays.stream(values()).filter(k -> k.wire.equals(value.strip())).findFirst();
    }

    public static String allowed() {
        return Arrays.stream(values()).map(LineageKind::wire).toList().toString();
    }
}
