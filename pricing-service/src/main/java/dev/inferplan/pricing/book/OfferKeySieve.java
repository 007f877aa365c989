package dev.inferplan.pricing.book;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * A Bloom filter over the offer keys of one import: it says for sure that no key came twice (then
 * the import skips the database's duplicate check) or that one may have (then the database decides).
 * Fixed size, so a file of any length costs the same memory: 2 MiB of bits, enough to keep false
 * alarms rare up to about a million offers; beyond that it alarms more often and the check runs.
 * The keys that raised an alarm (at most {@value #MAX_SUSPECTS}) are kept: the check then looks up
 * only those keys instead of the whole version.
 */
final class OfferKeySieve {

    private static final int BITS = 1 << 24;
    private static final int HASHES = 7;
    /** Keys that may have come before, kept so the database is asked about them alone. */
    static final int MAX_SUSPECTS = 10_000;

    private final BitSet bits = new BitSet(BITS);
    private final java.util.Set<String> suspects = new java.util.LinkedHashSet<>();
    private boolean tooManySuspects;

    /** Adds a key; remembers if every one of its bits was set already (a possible repeat). */
    void add(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        long h1 = fnv1a(bytes, 0xcbf29ce484222325L);
        long h2 = fnv1a(bytes, 0x84222325cbf29ce4L) | 1;
        boolean allSet = true;
        for (int i = 0; i < HASHES; i++) {
            int bit = (int) ((h1 + i * h2) >>> 40) & (BITS - 1);
            if (!bits.get(bit)) {
                allSet = false;
                bits.set(bit);
            }
        }
        if (allSet) {
            if (suspects.size() < MAX_SUSPECTS) {
                suspects.add(key);
            } else {
                tooManySuspects = true;
            }
        }
    }

    /**
     * The keys that may repeat an earlier one (each repeated key is among them, with false alarms),
     * or empty when there were more than {@value #MAX_SUSPECTS} and the whole version must be checked.
     */
    java.util.Optional<java.util.List<String>> suspects() {
        return tooManySuspects ? java.util.Optional.empty() : java.util.Optional.of(java.util.List.copyOf(suspects));
    }

    /** False means no key was added twice, for certain. */
    boolean possibleDuplicate() {
        return tooManySuspects || !suspects.isEmpty();
    }

    private static long fnv1a(byte[] bytes, long seed) {
        long hash = seed;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        // final mix (from MurmurHash3's fmix64) so that the high bits used above depend on every byte
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        return hash;
    }
}
