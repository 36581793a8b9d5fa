package io.rio.core.internal;

import io.rio.api.Context.StepAction;
import io.rio.api.RetryPolicy;
import io.rio.api.TerminalException;
import io.rio.spi.DuplicateEntryException;
import io.rio.spi.JournalEntry;
import io.rio.spi.RioStore;
import io.rio.spi.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Executes new journaled operations: each runs in its own transaction together with its journal entry (and
 * the invocation's row, the first time anything of the invocation is stored), so database work inside a step
 * commits exactly once.
 *
 * <p>Thread safety: stateless apart from its collaborators; shared by all attempts.
 */
public final class StepExecutor {
    private final RioStore store;
    private final Transactions transactions;
    private final JsonCodec codec;
    private final Clock clock;
    private final InvocationRows rows;

    public StepExecutor(RioStore store, Transactions transactions, JsonCodec codec, Clock clock, InvocationRows rows) {
        this.store = store;
        this.transactions = transactions;
        this.codec = codec;
        this.clock = clock;
        this.rows = rows;
    }

    /** The journaled value of a completed step. */
    public <T> T value(JournalEntry entry, Class<T> type) {
        return codec.read(entry.value(), type, "the journaled result of step '" + entry.name() + "'");
    }

    /** Runs a step for the first time (retrying in place if it has a policy) and journals its result. */
    public <T> T execute(Invocation invocation, int seq, String name, Class<T> type, RetryPolicy policy,
            StepAction<T> action) {
        for (int attempt = 1;; attempt++) {
            try {
                T result = Tx.call(transactions, () -> {
                    rows.ensureStored(invocation);
                    T r = action.get();
                    store.appendJournal(new JournalEntry(invocation.id(), seq, InvocationContext.KIND_RUN, name,
                            codec.write(r, type), null, null, clock.millis()));
                    return r;
                });
                invocation.markPersisted();
                return result;
            } catch (DuplicateEntryException raced) {
                return value(journaledElsewhere(invocation, seq, InvocationContext.KIND_RUN, name), type);
            } catch (TerminalException terminal) {
                journalFailure(invocation, seq, name, terminal.code(), terminal.getMessage());
                throw terminal;
            } catch (StepFailedException | NonDeterminismException e) {
                throw e;
            } catch (Exception e) {
                if (policy == null) {
                    throw new StepFailedException(name, e);
                }
                if (attempt >= policy.maxAttempts()) {
                    String message = "Step '" + name + "' failed after " + attempt + " attempts: " + e;
                    journalFailure(invocation, seq, name, TerminalException.DEFAULT_CODE, message);
                    throw new TerminalException(TerminalException.DEFAULT_CODE, message);
                }
                sleepUntil(clock.millis() + policy.delayAfter(attempt).toMillis());
            }
        }
    }

    /** Journals a sleep's wake-up time; returns it. */
    public long journalSleep(Invocation invocation, int seq, Duration duration) {
        long wakeAt = clock.millis() + duration.toMillis();
        try {
            Tx.call(transactions, () -> {
                rows.ensureStored(invocation);
                store.appendJournal(new JournalEntry(invocation.id(), seq, InvocationContext.KIND_SLEEP, "sleep",
                        Long.toString(wakeAt), null, null, clock.millis()));
                return null;
            });
            invocation.markPersisted();
            return wakeAt;
        } catch (DuplicateEntryException raced) {
            return Long.parseLong(journaledElsewhere(invocation, seq, InvocationContext.KIND_SLEEP, "sleep").value());
        }
    }

    /** Blocks the attempt until {@code wakeAt} (epoch millis). */
    public void sleepUntil(long wakeAt) {
        long remaining = wakeAt - clock.millis();
        if (remaining <= 0) {
            return;
        }
        try {
            Thread.sleep(remaining);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sleeping", e);
        }
    }

    private void journalFailure(Invocation invocation, int seq, String name, int code, String message) {
        try {
            Tx.call(transactions, () -> {
                rows.ensureStored(invocation);
                store.appendJournal(new JournalEntry(invocation.id(), seq, InvocationContext.KIND_RUN, name, null,
                        code, message, clock.millis()));
                return null;
            });
            invocation.markPersisted();
        } catch (DuplicateEntryException raced) {
            journaledElsewhere(invocation, seq, InvocationContext.KIND_RUN, name);
        }
    }

    /** Another execution of this invocation journaled operation {@code seq} first: use its entry. */
    private JournalEntry journaledElsewhere(Invocation invocation, int seq, String kind, String name) {
        List<JournalEntry> journal = Tx.call(transactions, () -> store.loadJournal(invocation.id()));
        invocation.markPersisted();
        if (seq >= journal.size()) {
            throw new IllegalStateException("Journal entry #" + seq + " of " + invocation.id()
                    + " conflicted on insert but cannot be read back");
        }
        JournalEntry entry = journal.get(seq);
        if (!entry.kind().equals(kind) || !entry.name().equals(name)) {
            throw new NonDeterminismException(invocation.id(), seq, entry.kind(), entry.name(), kind, name);
        }
        if (entry.failed()) {
            throw new TerminalException(entry.errorCode(), entry.errorMessage());
        }
        return entry;
    }

    /** A step's action failed with a retryable error: the attempt fails and is retried. */
    public static final class StepFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepFailedException(String step, Throwable cause) {
            super("Step '" + step + "' failed: " + cause, cause);
        }
    }
}
