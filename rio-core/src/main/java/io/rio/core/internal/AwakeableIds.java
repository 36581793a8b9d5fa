package io.rio.core.internal;

import io.rio.api.TerminalException;

/**
 * Awakeable ids name the waiting invocation and the journal position of the awakeable:
 * {@code awk_<invocation id>_<seq>}, so completing one needs no lookup table.
 */
public final class AwakeableIds {
    private static final String PREFIX = "awk_";

    private AwakeableIds() {
    }

    /** The invocation and position an id names. */
    public record Parsed(String invocationId, int seq) {
    }

    static String format(String invocationId, int seq) {
        return PREFIX + invocationId + "_" + seq;
    }

    /**
     * @throws TerminalException 404 if {@code id} is not an awakeable id
     */
    public static Parsed parse(String id) {
        int cut = id == null ? -1 : id.lastIndexOf('_');
        if (id == null || !id.startsWith(PREFIX) || cut <= PREFIX.length()) {
            throw new TerminalException(404, "'" + id + "' is not an awakeable id (they look like awk_inv_..._3)");
        }
        try {
            return new Parsed(id.substring(PREFIX.length(), cut), Integer.parseInt(id.substring(cut + 1)));
        } catch (NumberFormatException e) {
            throw new TerminalException(404, "'" + id + "' is not an awakeable id (they look like awk_inv_..._3)");
        }
    }
}
