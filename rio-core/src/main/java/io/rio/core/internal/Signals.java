package io.rio.core.internal;

import io.rio.api.TerminalException;
import io.rio.spi.DuplicateEntryException;
import io.rio.spi.JournalEntry;
import io.rio.spi.RioStore;
import io.rio.spi.SignalRecord;
import java.util.List;

/** Writes completions (signals) once, in the caller's transaction. */
public final class Signals {
    private Signals() {
    }

    /** The scope of a workflow key's durable promises. */
    public static String workflowScope(String workflow, String key) {
        return "wf/" + workflow + "/" + key;
    }

    /**
     * Inserts {@code signal}.
     *
     * @throws TerminalException 409 naming {@code what} if it is completed already
     */
    static void insertOnce(RioStore store, SignalRecord signal, String what) {
        try {
            store.insertSignal(signal);
        } catch (DuplicateEntryException e) {
            throw new TerminalException(409, what + " is already completed");
        }
    }

    /**
     * Completes an awakeable: resolves it with {@code json} if {@code reason} is null, else rejects it.
     *
     * @throws TerminalException 404 if no such awakeable exists, 409 if it is completed already
     */
    public static void completeAwakeable(RioStore store, AwakeableIds.Parsed target, String json, String reason,
            long now) {
        String id = AwakeableIds.format(target.invocationId(), target.seq());
        if (store.findInvocation(target.invocationId()).isEmpty()) {
            throw new TerminalException(404, "No awakeable " + id + ": its invocation is unknown or purged");
        }
        List<JournalEntry> journal = store.loadJournal(target.invocationId());
        boolean exists = journal.stream()
                .anyMatch(e -> e.seq() == target.seq() && Journal.AWAKEABLE.equals(e.kind()));
        if (!exists) {
            throw new TerminalException(404, "No awakeable " + id);
        }
        insertOnce(store, new SignalRecord(target.invocationId(), Integer.toString(target.seq()), json,
                reason == null ? null : 409, reason, now), "Awakeable " + id);
    }
}
