package io.rio.api;

/**
 * The context of an exclusive handler of a virtual object. State changes become visible to others only
 * when the attempt commits, together with its result.
 */
public interface ObjectContext extends SharedObjectContext {

    /** Stores {@code value} under {@code key}. A {@code null} value clears the entry. */
    <T> void set(StateKey<T> key, T value);

    /** Removes the entry stored under {@code key}. */
    void clear(StateKey<?> key);

    /** Removes every state entry of this object. */
    void clearAll();
}
