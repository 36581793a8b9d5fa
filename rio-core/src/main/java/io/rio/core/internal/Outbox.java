package io.rio.core.internal;

import io.rio.core.model.HandlerDefinition;
import io.rio.spi.InvocationRecord;
import io.rio.spi.JournalEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls and sends an attempt made: they are stored with the attempt's end (completion, terminal failure or
 * suspension), so a rolled-back attempt sends nothing and its replay sends them again, exactly once.
 *
 * <p>Thread safety: confined to the attempt's thread until the attempt ends.
 */
public final class Outbox {

    /** One outgoing invocation and the journal entry that records it in the sender. */
    public record Message(HandlerDefinition target, InvocationRecord record, JournalEntry entry) {
    }

    private final List<Message> messages = new ArrayList<>();

    void add(Message message) {
        messages.add(message);
    }

    public List<Message> messages() {
        return messages;
    }

    /** Whether a call made at {@code seq} is still waiting here to be stored. */
    boolean holds(int seq) {
        for (Message m : messages) {
            if (m.entry().seq() == seq) {
                return true;
            }
        }
        return false;
    }
}
