package io.rio.api;

/** The context of a workflow's {@code run} handler. */
public interface WorkflowContext extends SharedWorkflowContext, ObjectContext {
}
