package io.rio.core.model;

import java.lang.reflect.Type;

/** Converts handler inputs, outputs, step results and state values to and from JSON text. Thread-safe. */
public interface Serde {

    /** JSON text of {@code value} ({@code "null"} for null). */
    String toJson(Object value, Type type);

    /**
     * Reads {@code json} as {@code type}.
     *
     * @throws SerdeException if the text is not JSON or does not fit the type
     */
    Object fromJson(String json, Type type);

    /** A failure to read or write JSON; its message says what did not fit. */
    class SerdeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public SerdeException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
