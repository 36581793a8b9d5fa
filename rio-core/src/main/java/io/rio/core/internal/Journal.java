package io.rio.core.internal;

/** The kinds of journal entries (stored as text: renaming one orphans stored journals). */
final class Journal {
    static final String RUN = "run";
    static final String TIMER = "timer";
    static final String AWAKEABLE = "awakeable";
    static final String COMPLETE_AWAKEABLE = "complete-awakeable";
    static final String COMPLETE_PROMISE = "complete-promise";
    static final String ANY = "any";
    static final String CALL = "call";
    static final String SEND = "send";
    static final String CANCEL = "cancel";

    private Journal() {
    }
}
