package io.rio.core.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stored invocations that ended on this node in the last 15 to 30 seconds. A scan reads rows in a snapshot that
 * may predate an invocation's end here, and by the time it looks at the in-flight map the invocation has left it:
 * without this, the scan would load and run again an invocation that just completed. Two generations of ids,
 * rotated every {@value #GENERATION_MILLIS} ms, so memory is bounded by what ends in 30 seconds.
 *
 * <p>Thread safety: safe for concurrent use.
 */
public final class RecentlyEnded {
    static final long GENERATION_MILLIS = 15_000;

    private volatile Set<String> current = ConcurrentHashMap.newKeySet();
    private volatile Set<String> previous = ConcurrentHashMap.newKeySet();
    private volatile long rotatedAt;

    public void add(String id, long now) {
        rotateIfDue(now);
        current.add(id);
    }

    public boolean contains(String id) {
        return current.contains(id) || previous.contains(id);
    }

    private void rotateIfDue(long now) {
        if (now - rotatedAt >= GENERATION_MILLIS) {
            synchronized (this) {
                if (now - rotatedAt >= GENERATION_MILLIS) {
                    previous = current;
                    current = ConcurrentHashMap.newKeySet();
                    rotatedAt = now;
                }
            }
        }
    }
}
