package io.rio.api;

/**
 * The context of a {@link Shared} handler of a {@link Workflow}: reads the workflow's state and signals
 * its {@code run} handler through durable promises.
 */
public interface SharedWorkflowContext extends SharedObjectContext {

    /** The durable promise {@code key} of this workflow. */
    <T> DurablePromise<T> promise(DurablePromiseKey<T> key);
}
