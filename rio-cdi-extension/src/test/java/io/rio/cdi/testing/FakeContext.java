package io.rio.cdi.testing;

import io.rio.api.RetryPolicy;
import io.rio.api.StateKey;
import io.rio.api.WorkflowContext;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An in-memory context of every kind (a workflow context is also an object context) for invoker tests. */
public final class FakeContext implements WorkflowContext {

    private final String key;
    private final Map<String, Object> state = new HashMap<>();

    public FakeContext(String key) {
        this.key = key;
    }

    @Override
    public String invocationId() {
        return "inv-1";
    }

    @Override
    public Map<String, String> headers() {
        return Map.of();
    }

    @Override
    public <T> T run(String name, Class<T> type, StepAction<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public <T> T run(String name, Class<T> type, RetryPolicy policy, StepAction<T> action) {
        return run(name, type, action);
    }

    @Override
    public void sleep(Duration duration) {
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public <T> Optional<T> get(StateKey<T> k) {
        return Optional.ofNullable(state.get(k.name())).map(v -> k.type().cast(v));
    }

    @Override
    public Collection<String> stateKeys() {
        return state.keySet();
    }

    @Override
    public <T> void set(StateKey<T> k, T value) {
        state.put(k.name(), value);
    }

    @Override
    public void clear(StateKey<?> k) {
        state.remove(k.name());
    }

    @Override
    public void clearAll() {
        state.clear();
    }
}
