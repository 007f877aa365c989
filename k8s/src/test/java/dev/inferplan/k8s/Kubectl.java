package dev.inferplan.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

/**
 * The kubectl the overlays are rendered with ({@code -Dinferplan.kubectl}, default {@code kubectl} on
 * the PATH), with its built-in Kustomize: no plugin, no network. Where it is missing the tests are
 * skipped with the reason, unless {@code -Dinferplan.kubectl.required=true} (CI), where that fails.
 */
final class Kubectl {

    private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("Kustomize Version: v(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final long TIMEOUT_SECONDS = 60;
    private static Kubectl found;

    private final String command;

    private Kubectl(String command) {
        this.command = command;
    }

    /** The kubectl to use: one with Kustomize 5 or newer (components, replacements, labels). */
    static synchronized Kubectl get() {
        if (found == null) {
            String command = System.getProperty("inferplan.kubectl", "kubectl");
            String problem;
            try {
                String version = run(List.of(command, "version", "--client"));
                Matcher m = KUSTOMIZE_VERSION.matcher(version);
                problem = !m.find() ? "'" + command + " version --client' names no Kustomize version:\n" + version
                        : Integer.parseInt(m.group(1)) < 5 ? command + " has Kustomize v" + m.group(1) + "." + m.group(2)
                                + "; the overlays need v5 or newer (kubectl 1.27+)" : null;
            } catch (IOException e) {
                problem = "no kubectl at '" + command + "' (" + e.getMessage() + ")";
            }
            if (problem != null) {
                problem += "; .ci/run installs one, or set -Dinferplan.kubectl=/path/to/kubectl";
                if (Boolean.getBoolean("inferplan.kubectl.required")) {
                    throw new IllegalStateException(problem);
                }
                System.err.println("SKIPPED (k8s rendering): " + problem);
                Assumptions.abort(problem);
            }
            found = new Kubectl(command);
        }
        return found;
    }

    /** {@code kubectl kustomize DIR}: the overlay as the API server would receive it. */
    String kustomize(Path directory) {
        try {
            return run(List.of(command, "kustomize", directory.toString()));
        } catch (IOException e) {
            throw new IllegalStateException("kubectl kustomize " + directory + " failed: " + e.getMessage(), e);
        }
    }

    private static String run(List<String> commandLine) throws IOException {
        Process process = new ProcessBuilder(commandLine).start();
        process.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", commandLine) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", commandLine) + " exited " + process.exitValue() + ": " + err.join());
        }
        return out;
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
