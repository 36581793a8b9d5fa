package io.rio.ingress.internal;

import java.util.Locale;

/** Reads the ingress's on/off settings ({@code rio.admin.enabled}, {@code rio.openapi.enabled}). */
final class Flags {
    private Flags() {
    }

    /**
     * {@code text} as a boolean: {@code true} or {@code false} in any case, {@code true} when absent.
     *
     * @throws IllegalStateException naming {@code key} for any other value
     */
    static boolean enabled(String key, String text) {
        String value = text == null ? "true" : text.trim().toLowerCase(Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalStateException("Invalid " + key + " '" + text + "': use true or false");
        }
        return value.equals("true");
    }
}
