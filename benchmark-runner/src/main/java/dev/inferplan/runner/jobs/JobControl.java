package dev.inferplan.runner.jobs;

import dev.inferplan.runner.models.CachedModel;
import dev.inferplan.runner.models.ModelSignature;
import dev.inferplan.runner.sweeps.SweepProgress;

/** What a running job tells its caller (lease loop or CLI), and asks it. */
public interface JobControl {

    /** True once the job should stop: cancelled, or its lease was lost. */
    boolean cancelled();

    void progress(SweepProgress progress, String point);

    /** The model's IO signature, read from the first session opened on it. */
    default void signatureRead(CachedModel model, ModelSignature signature) {
    }
}
