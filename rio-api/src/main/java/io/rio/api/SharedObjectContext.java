package io.rio.api;

import java.util.Collection;
import java.util.Optional;

/**
 * The context of a {@link Shared} handler of a virtual object: it sees the committed state of its key,
 * read-only.
 */
public interface SharedObjectContext extends Context {

    /** The key of the object this invocation addresses. */
    String key();

    /** The value stored under {@code key}, if any. */
    <T> Optional<T> get(StateKey<T> key);

    /** The names of all state entries of this object. */
    Collection<String> stateKeys();
}
