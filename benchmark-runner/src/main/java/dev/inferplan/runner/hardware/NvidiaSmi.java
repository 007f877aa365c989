package dev.inferplan.runner.hardware;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The {@code nvidia-smi} this runner asks about its GPUs: found on the PATH by default, or at the
 * path {@code runner.gpu.nvidia-smi} names (a driver installed outside the PATH, or a stand-in in
 * tests). Every question is {@code --query-gpu=FIELDS --format=csv,noheader,nounits}.
 */
public record NvidiaSmi(String command) {

    public static final String DEFAULT_COMMAND = "nvidia-smi";

    /** What one query gave: the CSV lines, or why there are none. */
    public record Answer(String csv, String failure) {

        public boolean answered() {
            return failure == null;
        }
    }

    public NvidiaSmi {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("the nvidia-smi command cannot be blank");
        }
    }

    public static NvidiaSmi onPath() {
        return new NvidiaSmi(DEFAULT_COMMAND);
    }

    public Answer query(String fields, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(command, "--query-gpu=" + fields, "--format=csv,noheader,nounits")
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            return new Answer(null, command + " not found: no NVIDIA GPU visible to this runner");
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Answer(null, command + " did not answer within " + timeout.toSeconds() + " s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                return new Answer(null, command + " failed (exit " + process.exitValue() + "): " + output.strip());
            }
            return new Answer(output, null);
        } catch (IOException e) {
            return new Answer(null, command + " output unreadable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new Answer(null, "interrupted while asking " + command);
        }
    }
}
