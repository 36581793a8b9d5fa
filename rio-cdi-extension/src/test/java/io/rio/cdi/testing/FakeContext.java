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

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("not needed by the extension's tests");
    }

    @Override
    public io.rio.api.DurableFuture<Void> timer(Duration duration) {
        throw unsupported();
    }

    @Override
    public <T> io.rio.api.Awakeable<T> awakeable(Class<T> type) {
        throw unsupported();
    }

    @Override
    public io.rio.api.AwakeableHandle awakeableHandle(String id) {
        throw unsupported();
    }

    @Override
    public io.rio.api.DurableFuture<Integer> any(io.rio.api.DurableFuture<?>... futures) {
        throw unsupported();
    }

    @Override
    public io.rio.api.DurableFuture<Void> all(io.rio.api.DurableFuture<?>... futures) {
        throw unsupported();
    }

    @Override
    public java.util.Random random() {
        throw unsupported();
    }

    @Override
    public java.util.UUID uuid() {
        throw unsupported();
    }

    @Override
    public <B> io.rio.api.Client<B> service(Class<B> serviceClass) {
        throw unsupported();
    }

    @Override
    public <B> io.rio.api.Client<B> object(Class<B> objectClass, String key) {
        throw unsupported();
    }

    @Override
    public <B> io.rio.api.Client<B> workflow(Class<B> workflowClass, String key) {
        throw unsupported();
    }

    @Override
    public <T> io.rio.api.DurablePromise<T> promise(io.rio.api.DurablePromiseKey<T> key) {
        throw unsupported();
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
