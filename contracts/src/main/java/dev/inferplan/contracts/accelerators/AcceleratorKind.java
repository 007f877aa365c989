package dev.inferplan.contracts.accelerators;

/** What sort of chip an accelerator is; software stacks and benchmark suites differ by kind. */
public enum AcceleratorKind {
    /** A graphics processor used for compute, including the GPU of a Jetson module. */
    GPU,
    /** A Google Cloud TPU. */
    TPU,
    /** Another purpose-built AI chip (NPU): Inferentia, Trainium, Gaudi, Cloud AI 100, speedAI. */
    ASIC,
    /** A field-programmable gate array. */
    FPGA
}
