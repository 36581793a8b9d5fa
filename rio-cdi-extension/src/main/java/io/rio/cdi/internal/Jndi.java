package io.rio.cdi.internal;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Looks up container resources by JNDI name, with errors that name the config key the name came from.
 *
 * <p>Thread safety: stateless.
 */
public final class Jndi {

    private Jndi() {
    }

    /**
     * The object bound to {@code name}.
     *
     * @param key  the config key {@code name} was read from, for the message
     * @param name the JNDI name
     * @param type the expected type
     * @throws IllegalStateException naming the key, the JNDI name and the fix when nothing of that type is bound
     */
    public static <T> T lookup(String key, String name, Class<T> type) {
        String source = key == null ? "the standard name" : "config key " + key;
        String fix = key == null ? "Fix: run Rio in a Jakarta EE server that binds it." : "Fix: set " + key
                + " to the JNDI name of an existing " + type.getSimpleName() + ".";
        Object found;
        try {
            found = new InitialContext().lookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException("RIO-R003 Rio cannot find the " + type.getSimpleName() + " '" + name
                    + "' in JNDI (" + source + "): " + e + ". " + fix, e);
        }
        if (!type.isInstance(found)) {
            throw new IllegalStateException("RIO-R004 The JNDI name '" + name + "' (" + source + ") is bound to "
                    + (found == null ? "null" : found.getClass().getName()) + ", not a " + type.getName() + ". " + fix);
        }
        return type.cast(found);
    }
}
