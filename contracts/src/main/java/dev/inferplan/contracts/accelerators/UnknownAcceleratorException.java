package dev.inferplan.contracts.accelerators;

import java.io.Serial;

/** A source names an accelerator the vocabulary does not know, or cannot tell which variant it is. */
public final class UnknownAcceleratorException extends IllegalArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String sourceName;

    public UnknownAcceleratorException(String sourceName) {
        super("no canonical accelerator for the name '" + sourceName + "'");
        this.sourceName = sourceName;
    }

    /** The name as the source wrote it. */
    public String sourceName() {
        return sourceName;
    }
}
