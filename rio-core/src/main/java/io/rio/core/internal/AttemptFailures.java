package io.rio.core.internal;

/** What a failure of an attempt means for {@link AttemptRunner}: fenced off, waiting behind a head, or an error to record. */
final class AttemptFailures {

    private AttemptFailures() {
    }

    /** Whether {@code thrown} says this node no longer holds the partition (a fenced write, or no fence at all). */
    static boolean fenced(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof io.rio.spi.FencedException || t instanceof io.rio.core.NotOwnerException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code thrown} says the invocation has ended or was purged: this attempt was stale, and the stored
     * outcome stands.
     */
    static boolean ended(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof InvocationRows.AlreadyEndedException || t instanceof io.rio.spi.InvocationEndedException) {
                return true;
            }
        }
        return false;
    }

    /** A failure as the invocation's row records it: its text, at most 2,000 characters. */
    static String describe(Throwable failure) {
        String text = String.valueOf(failure);
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    /** The object is held by another invocation between its attempts: this attempt must wait behind it. */
    static final class KeyHeld extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String head;

        KeyHeld(String head) {
            super("The object is held by invocation " + head, null, false, false);
            this.head = head;
        }
    }
}
