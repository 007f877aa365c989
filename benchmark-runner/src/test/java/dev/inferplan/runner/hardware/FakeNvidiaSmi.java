package dev.inferplan.runner.hardware;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A stand-in for {@code nvidia-smi}: a shell script that answers the two questions the runner asks
 * in nvidia-smi's own CSV ({@code --format=csv,noheader,nounits}: comma and space between fields,
 * MiB and percent without units), refuses any other, and logs every call. Two A10Gs as on an AWS
 * g5.12xlarge with driver 550.54.15; each utilization query reports GPU 0's memory one MiB higher
 * than the last (1,001, 1,002, …), so a test can tell which sample a result holds.
 */
public final class FakeNvidiaSmi {

    public static final String DETECTED = "0, NVIDIA A10G, 23028, 550.54.15\n1, NVIDIA A10G, 23028, 550.54.15\n";

    private final Path script;
    private final Path log;

    private FakeNvidiaSmi(Path script, Path log) {
        this.script = script;
        this.log = log;
    }

    /** A working nvidia-smi with two A10Gs. */
    public static FakeNvidiaSmi twoA10gs(Path dir) throws IOException {
        return write(dir, """
                case "$1" in
                  --query-gpu=index,name,memory.total,driver_version)
                    printf '$DETECTED' ;;
                  --query-gpu=index,utilization.gpu,memory.used)
                    n=$(cat "$DIR/samples" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$DIR/samples"
                    printf '0, 87, %d\\n1, 0, 4\\n' $((1000 + n)) ;;
                  *)
                    echo "Field \\"${1#--query-gpu=}\\" is not a valid field to query."; exit 2 ;;
                esac
                """.replace("$DETECTED", DETECTED.replace("\n", "\\n")));
    }

    /** What nvidia-smi prints, with exit code 9, on a machine whose driver is not loaded. */
    public static FakeNvidiaSmi driverNotLoaded(Path dir) throws IOException {
        return write(dir, """
                echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. \
                Make sure that the latest NVIDIA driver is installed and running."
                exit 9
                """);
    }

    private static FakeNvidiaSmi write(Path dir, String body) throws IOException {
        Path script = dir.resolve("nvidia-smi");
        Path log = dir.resolve("calls.log");
        String text = "#!/bin/sh\nDIR='" + dir + "'\necho \"$*\" >> \"$DIR/calls.log\"\n"
                + "if [ \"$2\" != --format=csv,noheader,nounits ]; then echo \"unexpected format: $2\"; exit 2; fi\n" + body;
        Files.writeString(script, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new FakeNvidiaSmi(script, log);
    }

    public NvidiaSmi nvidiaSmi() {
        return new NvidiaSmi(script.toString());
    }

    public String path() {
        return script.toString();
    }

    /** The arguments of every call so far, one line per call. */
    public List<String> calls() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    public long samplingCalls() throws IOException {
        return calls().stream().filter(c -> c.startsWith("--query-gpu=index,utilization.gpu,memory.used")).count();
    }
}
