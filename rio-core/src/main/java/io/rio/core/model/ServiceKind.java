package io.rio.core.model;

/** The three kinds of durable component. */
public enum ServiceKind {
    SERVICE, VIRTUAL_OBJECT, WORKFLOW;

    /** Whether invocations address a key. */
    public boolean keyed() {
        return this != SERVICE;
    }
}
