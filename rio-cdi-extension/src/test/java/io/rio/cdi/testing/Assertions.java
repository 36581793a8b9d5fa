package io.rio.cdi.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on deployment failure messages. */
public final class Assertions {

    private Assertions() {
    }

    /** Asserts that {@code text} contains every one of {@code parts}. */
    public static void assertMentions(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), () -> "expected the message to mention '" + part + "' but it was:\n" + text);
        }
    }
}
