package io.rio.spi;

import java.util.Map;

/**
 * What locking an object found ({@link RioStore#lockObject}).
 *
 * @param version the object's version after this lock: each transaction that locks the object raises it by one;
 *                -1 if the store keeps no versions
 * @param state   the object's state (entry name to JSON text); {@code null} when the caller's copy, taken at the
 *                version it passed, is still current (no other transaction locked the object since)
 * @param head    the invocation holding the object between its attempts ({@link RioStore#holdObject}), or null
 */
public record LockedObject(long version, Map<String, String> state, String head) {
}
