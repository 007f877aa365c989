package dev.inferplan.runner.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/**
 * The generator's scheduling policy, on a thread of its own (a real-time test thread would keep it).
 * Whether SCHED_FIFO is granted depends on the machine (CAP_SYS_NICE, RLIMIT_RTPRIO): either way
 * the answer must match what the kernel says about the thread, and a refusal must say why.
 */
class GeneratorSchedulingTest {

    private static String[] onFreshThread(int priority) throws InterruptedException {
        AtomicReference<String[]> seen = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().start(() -> {
            GeneratorScheduling s = GeneratorScheduling.raiseCurrentThread(priority);
            String policy;
            try {
                String stat = Files.readString(Path.of("/proc/thread-self/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                policy = fields[41 - 3] + " " + fields[40 - 3];
            } catch (Exception e) {
                policy = "unknown";
            }
            seen.set(new String[] {Boolean.toString(s.realtime()), s.description(), policy});
        });
        thread.join();
        return seen.get();
    }

    @Test
    void priorityZeroLeavesTheThreadAsItIs() throws InterruptedException {
        String[] seen = onFreshThread(0);
        assertEquals("false", seen[0]);
        assertEquals("SCHED_OTHER (real-time priority off)", seen[1]);
        assertTrue(seen[2].equals("0 0") || seen[2].equals("unknown"), seen[2]);
    }

    @Test
    void askingForFifoGetsItOrSaysWhyNot() throws InterruptedException {
        String[] seen = onFreshThread(1);
        if (Boolean.parseBoolean(seen[0])) {
            assertEquals("SCHED_FIFO 1", seen[1]);
            assertEquals("1 1", seen[2], "the kernel agrees: policy 1 (SCHED_FIFO), priority 1");
        } else {
            assertTrue(seen[1].startsWith("SCHED_OTHER ("), seen[1]);
            assertFalse(seen[2].startsWith("1 "), "not real-time, and the kernel agrees: " + seen[2]);
            assertTrue(seen[1].contains("refused") || seen[1].contains("Linux only"), seen[1]);
        }
    }
}
