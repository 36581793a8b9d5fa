package io.rio.spi;

import java.util.Map;
import java.util.Set;

/**
 * The state changes of one exclusive attempt, applied in its final transaction.
 *
 * @param clearAll whether every entry is removed first
 * @param set      entries to write (name to JSON text)
 * @param removed  entries to remove
 */
public record StateChanges(boolean clearAll, Map<String, String> set, Set<String> removed) {
    public StateChanges {
        set = Map.copyOf(set);
        removed = Set.copyOf(removed);
    }

    public boolean isEmpty() {
        return !clearAll && set.isEmpty() && removed.isEmpty();
    }
}
