package io.rio.sample.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;

/** Assertions on the execution intervals recorded in {@code it_probe}. */
final class Intervals {

    private Intervals() {
    }

    /** Fails, naming the first pair, if two intervals (sorted by start) overlap. */
    static void assertNoOverlap(List<long[]> sortedByStart) {
        for (int i = 1; i < sortedByStart.size(); i++) {
            long[] prev = sortedByStart.get(i - 1);
            long[] next = sortedByStart.get(i);
            if (next[0] < prev[1]) {
                fail("Two exclusive handlers of one key overlapped: [" + prev[0] + ", " + prev[1] + "] and ["
                        + next[0] + ", " + next[1] + "] (epoch micros, rows " + (i - 1) + " and " + i + ")");
            }
        }
    }
}
