package io.rio.ingress.internal;

/**
 * What the ingress accepts at most: refused requests get a 4xx JSON error naming the limit and its key, and
 * nothing of them is stored.
 *
 * @param maxKeyLength   characters of an object or workflow key and of an {@code Idempotency-Key}
 *                       ({@value #KEY_LENGTH_KEY}, at most {@value #SCHEMA_KEY_LENGTH}: the width of Rio's columns)
 * @param maxBodyBytes   bytes of a request body ({@value #BODY_BYTES_KEY}); larger ones answer 413
 */
public record IngressLimits(int maxKeyLength, long maxBodyBytes) {
    /** Configuration key of {@link #maxKeyLength}. */
    public static final String KEY_LENGTH_KEY = "rio.ingress.max-key-length";
    /** Configuration key of {@link #maxBodyBytes}. */
    public static final String BODY_BYTES_KEY = "rio.ingress.max-body-bytes";
    /** The widest key Rio's tables hold, and the default of {@link #KEY_LENGTH_KEY}. */
    public static final int SCHEMA_KEY_LENGTH = 1024;
    /** Default of {@link #BODY_BYTES_KEY}: 1 MiB. */
    public static final long DEFAULT_BODY_BYTES = 1L << 20;

    public static final IngressLimits DEFAULT = new IngressLimits(SCHEMA_KEY_LENGTH, DEFAULT_BODY_BYTES);

    public IngressLimits {
        if (maxKeyLength < 1 || maxKeyLength > SCHEMA_KEY_LENGTH) {
            throw new IllegalArgumentException(KEY_LENGTH_KEY + " must be between 1 and " + SCHEMA_KEY_LENGTH
                    + " (the width of Rio's key columns), not " + maxKeyLength);
        }
        if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(BODY_BYTES_KEY + " must be between 1 and " + (Integer.MAX_VALUE - 8)
                    + ", not " + maxBodyBytes);
        }
    }

    /** The error for a body of more than {@link #maxBodyBytes} (413). */
    IngressReply bodyTooLarge(long bytes) {
        return IngressReply.error(413, "The request body has " + (bytes < 0 ? "more than " + maxBodyBytes : bytes)
                + " bytes; at most " + maxBodyBytes + " are accepted (" + BODY_BYTES_KEY + ")");
    }

    /** The error for a key or idempotency key over {@link #maxKeyLength}, or null if {@code value} fits. */
    IngressReply tooLong(String what, String value) {
        if (value == null || value.length() <= maxKeyLength) {
            return null;
        }
        return IngressReply.error(400, "The " + what + " has " + value.length() + " characters; at most "
                + maxKeyLength + " are accepted (" + KEY_LENGTH_KEY + ")");
    }
}
