package io.rio.core.model;

/** How a handler is scheduled. */
public enum HandlerKind {
    /** A handler of a {@code @Service}: no key, runs concurrently. */
    STATELESS,
    /** An object handler that runs alone for its key and may change state. */
    EXCLUSIVE,
    /** An object or workflow handler that runs concurrently and reads committed state. */
    SHARED,
    /** A workflow's {@code run} handler: exclusive, at most one successful run per key. */
    WORKFLOW_RUN
}
