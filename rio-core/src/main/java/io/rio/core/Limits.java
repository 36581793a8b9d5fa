package io.rio.core;

/**
 * Bounds on what one invocation may store and queue, each a {@code rio.*} setting. A value over its bound fails the
 * invocation with a terminal error (code 413) that names the bound and its setting: retrying would only fail again.
 *
 * @param stateValueBytes   the largest JSON value of one state key ({@code rio.state.max-value-bytes})
 * @param journalEntryBytes the largest JSON of one journal entry: a step's result, a handler's output, the input of
 *                          a call or send to another handler ({@code rio.journal.max-entry-bytes})
 * @param payloadBytes      the largest JSON an awakeable or a workflow promise is completed with, from a handler or
 *                          through the ingress ({@code rio.signal.max-payload-bytes})
 * @param keyQueue          how many invocations of one key may wait behind its head on the node that owns it; a call
 *                          or send beyond it is refused with 429 ({@code rio.max-key-queue})
 */
public record Limits(int stateValueBytes, int journalEntryBytes, int payloadBytes, int keyQueue) {
    public static final String STATE_VALUE_KEY = "rio.state.max-value-bytes";
    public static final String JOURNAL_ENTRY_KEY = "rio.journal.max-entry-bytes";
    public static final String PAYLOAD_KEY = "rio.signal.max-payload-bytes";
    public static final String KEY_QUEUE_KEY = "rio.max-key-queue";

    /** 1 MiB for values, entries and payloads; 1,000 queued invocations per key. */
    public static final Limits DEFAULT = new Limits(1 << 20, 1 << 20, 1 << 20, 1_000);

    public Limits {
        positive(stateValueBytes, STATE_VALUE_KEY);
        positive(journalEntryBytes, JOURNAL_ENTRY_KEY);
        positive(payloadBytes, PAYLOAD_KEY);
        positive(keyQueue, KEY_QUEUE_KEY);
    }

    private static void positive(int value, String key) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, not " + value);
        }
    }

    /**
     * The number of bytes {@code s} takes in UTF-8 if that is more than {@code max}, else -1; counts only when the
     * string could be over (a string of at most {@code max / 3} characters never is).
     */
    public static long utf8LengthOver(String s, long max) {
        if (s == null || s.length() <= max / 3) {
            return -1;
        }
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes > max ? bytes : -1;
    }
}
