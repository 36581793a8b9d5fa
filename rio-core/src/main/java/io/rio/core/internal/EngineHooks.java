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

    /**
     * {@code invocation}'s attempt found its object held by {@code headId} (an earlier invocation that suspended,
     * backs off or is paused, perhaps on a node that held the partition before): it is to wait behind it.
     */
    void blockedBy(Invocation invocation, String headId);

    /**
     * This node does not hold {@code invocation}'s partition (any more): let the invocation go to the partition's
     * owner (nothing of its current attempt committed).
     */
    void handOff(Invocation invocation, int partition);

    /** The id of the {@code run} invocation of a workflow key, if submitted (reads in the current transaction). */
    Optional<String> workflowRunId(String workflow, String key);
}
