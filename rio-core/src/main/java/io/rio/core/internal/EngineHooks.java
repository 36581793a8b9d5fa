package io.rio.core.internal;

import io.rio.spi.RioStore;
import java.util.Optional;

/** What an attempt's context needs from the engine around it. */
public interface EngineHooks {

    HandlerRefs refs();

    RioStore store();

    InvocationRows rows();

    /** Wakes a suspended invocation, here or through the store (call after the waking write committed). */
    void wake(String invocationId);

    /** The id of the {@code run} invocation of a workflow key, if submitted (reads in the current transaction). */
    Optional<String> workflowRunId(String workflow, String key);
}
