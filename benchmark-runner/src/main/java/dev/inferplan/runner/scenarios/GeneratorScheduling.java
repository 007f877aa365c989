package dev.inferplan.runner.scenarios;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The scheduling policy the Server generator ran under, recorded with the result. When every core
 * runs the model's threads, a woken generator under the default policy (SCHED_OTHER) waits
 * milliseconds for a core; under SCHED_FIFO it preempts them at once, for the few µs an arrival
 * takes (docs/benchmarks.md has the measurements). Java has no call for it, so the generator thread
 * asks util-linux's {@code chrt} to change it (its id from {@code /proc/thread-self}) and reads the
 * policy back from {@code /proc}. That takes CAP_SYS_NICE or an RLIMIT_RTPRIO at least the priority;
 * without either the run goes on under the default policy and says why: its lag is measured all the
 * same, and a run that lagged is invalid.
 *
 * @param realtime    the thread runs under SCHED_FIFO
 * @param description what it runs under, and why not real-time when it asked to be
 */
public record GeneratorScheduling(boolean realtime, String description) {

    private static final int SCHED_FIFO = 1;

    /** Asks for SCHED_FIFO at {@code priority} for the calling thread (0: stays as it is) and says what it got. */
    static GeneratorScheduling raiseCurrentThread(int priority) {
        if (priority == 0) {
            return new GeneratorScheduling(false, "SCHED_OTHER (real-time priority off)");
        }
        Path self = Path.of("/proc/thread-self");
        String tid;
        try {
            tid = Files.readSymbolicLink(self).getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            return new GeneratorScheduling(false, "SCHED_OTHER (no /proc/thread-self: SCHED_FIFO is set on Linux only)");
        }
        String refusal = chrt(priority, tid);
        int[] policy = policy(self);
        if (policy != null && policy[0] == SCHED_FIFO) {
            return new GeneratorScheduling(true, "SCHED_FIFO " + policy[1]);
        }
        return new GeneratorScheduling(false, "SCHED_OTHER (SCHED_FIFO " + priority + " refused: "
                + (refusal == null ? "the policy did not change" : refusal)
                + "; it needs CAP_SYS_NICE or RLIMIT_RTPRIO >= " + priority + ")");
    }

    /** Null when chrt succeeded, else what it said. */
    private static String chrt(int priority, String tid) {
        try {
            Process process = new ProcessBuilder("chrt", "-f", "-p", Integer.toString(priority), tid)
                    .redirectErrorStream(true).start();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "chrt did not finish within 5 s";
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 ? null : output.isEmpty() ? "chrt exited " + process.exitValue() : output;
        } catch (IOException e) {
            return "chrt not found (util-linux)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** {policy, rt_priority} from {@code stat} (proc(5): fields 41 and 40), or null. */
    private static int[] policy(Path thread) {
        try {
            String stat = Files.readString(thread.resolve("stat"), StandardCharsets.US_ASCII);
            // the command name in parentheses may hold spaces: count fields after its closing parenthesis (field 2)
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return new int[] {Integer.parseInt(fields[41 - 3]), Integer.parseInt(fields[40 - 3])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
