package io.rio.api;

/** Completes an awakeable of another invocation, exactly once, as a journaled operation of this one. */
public interface AwakeableHandle {

    /**
     * Resolves the awakeable with {@code value}.
     *
     * @throws TerminalException 404 if no such awakeable exists, 409 if it is already completed
     */
    void resolve(Object value);

    /**
     * Rejects the awakeable: its waiter sees a {@link TerminalException} with {@code reason}.
     *
     * @throws TerminalException 404 if no such awakeable exists, 409 if it is already completed
     */
    void reject(String reason);
}
