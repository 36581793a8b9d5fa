package io.rio.core.internal;

import java.security.SecureRandom;

/** Invocation ids: {@code inv_} and 26 characters of Crockford base32 (128 random bits). */
public final class Ids {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newInvocationId() {
        byte[] bytes = new byte[17];
        RANDOM.nextBytes(bytes);
        StringBuilder sb = new StringBuilder(30).append("inv_");
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5 && sb.length() < 30) {
                sb.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        return sb.toString();
    }
}
