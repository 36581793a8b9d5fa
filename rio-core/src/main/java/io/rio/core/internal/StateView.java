package io.rio.core.internal;

import io.rio.api.StateKey;
import io.rio.core.model.HandlerKind;
import io.rio.spi.StateChanges;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The state of one object as one attempt sees it: the committed entries plus the attempt's own changes.
 */
public final class StateView {
    private final HandlerKind kind;
    private final String source;
    private final JsonCodec codec;
    private final java.util.function.Supplier<Map<String, String>> loader;
    private Map<String, String> committed;
    private final Map<String, String> written = new HashMap<>();
    private final Set<String> removed = new HashSet<>();
    private boolean clearedAll;

    StateView(HandlerKind kind, String source, JsonCodec codec,
            java.util.function.Supplier<Map<String, String>> loader) {
        this.kind = kind;
        this.source = source;
        this.codec = codec;
        this.loader = loader;
    }

    private Map<String, String> committed() {
        if (kind == HandlerKind.STATELESS) {
            throw new IllegalStateException("Service handler " + source + " has no state: state belongs to "
                    + "@VirtualObject and @Workflow handlers");
        }
        if (committed == null) {
            committed = loader.get();
        }
        return committed;
    }

    <T> T get(StateKey<T> key) {
        String json = raw(key.name());
        return json == null ? null : codec.read(json, key.type(), "state entry '" + key.name() + "'");
    }

    private String raw(String name) {
        if (written.containsKey(name)) {
            return written.get(name);
        }
        if (clearedAll || removed.contains(name)) {
            return null;
        }
        return committed().get(name);
    }

    Collection<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        if (!clearedAll) {
            keys.addAll(committed().keySet());
            keys.removeAll(removed);
        }
        keys.addAll(written.keySet());
        return keys;
    }

    <T> void set(StateKey<T> key, T value) {
        checkWritable();
        if (value == null) {
            clear(key.name());
            return;
        }
        removed.remove(key.name());
        written.put(key.name(), codec.writeState(value, key.type(), "State '" + key.name() + "' of " + source));
    }

    void clear(String name) {
        checkWritable();
        written.remove(name);
        removed.add(name);
    }

    void clearAll() {
        checkWritable();
        written.clear();
        removed.clear();
        clearedAll = true;
    }

    private void checkWritable() {
        committed();
        if (kind == HandlerKind.SHARED) {
            throw new IllegalStateException("Shared handler " + source + " sees state read-only; change state "
                    + "in an exclusive @Handler");
        }
    }

    StateChanges changes() {
        return new StateChanges(clearedAll, written, removed);
    }
}
