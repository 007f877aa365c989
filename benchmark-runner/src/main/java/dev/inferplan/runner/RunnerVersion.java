package dev.inferplan.runner;

/** The runner's own version, recorded with every result (from the jar manifest; the build's when run from classes). */
public final class RunnerVersion {

    private static final String VERSION = resolve();

    private RunnerVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String resolve() {
        String version = RunnerVersion.class.getPackage().getImplementationVersion();
        return "benchmark-runner " + (version == null ? "0.1.0-SNAPSHOT" : version);
    }
}
