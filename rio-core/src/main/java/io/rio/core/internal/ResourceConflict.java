package io.rio.core.internal;

import java.util.List;

/**
 * Recognizes a step that failed because its transaction had to enlist a second non-XA resource: the step wrote
 * through a persistence unit or data source other than Rio's own. Retrying cannot help, so the step fails for good
 * with a message naming the fix instead of being retried without end.
 */
final class ResourceConflict {
    /** What the servers say: Payara (GlassFish's transaction manager), WildFly (Narayana). */
    private static final List<String> SIGNS = List.of("non-XA Resource", "ARJUNA012140",
            "multiple last resources", "cannot add more resources");

    private ResourceConflict() {
    }

    /** The terminal message for {@code thrown} if it is such a failure, else null. */
    static String describe(String step, Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && SIGNS.stream().anyMatch(message::contains)) {
                return "Step '" + step + "' wrote to a second data source in Rio's transaction (" + message.trim()
                        + "). A step's writes and Rio's journal must be on one data source: point the application's "
                        + "persistence unit at the data source named by rio.datasource (or make that one the server's "
                        + "default data source), or use XA data sources";
            }
        }
        return null;
    }
}
