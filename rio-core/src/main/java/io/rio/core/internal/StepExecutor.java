package io.rio.core.internal;

import io.rio.api.Context.StepAction;
import io.rio.api.RetryPolicy;
import io.rio.api.TerminalException;
import io.rio.spi.DuplicateEntryException;
import io.rio.spi.InvocationEndedException;
import io.rio.spi.JournalEntry;
import io.rio.spi.RioStore;
import io.rio.spi.Transactions;
import java.time.Clock;
import java.util.List;

/**
 * Executes new journaled operations: each runs in its own transaction together with its journal entry (and
 * the invocation's row, the first time anything of the invocation is stored), so database work inside a step
 * commits exactly once. Steps that attempts on several threads start at once share one commit
 * ({@link StepCommit}); each still returns only once its own has committed.
 *
 * <p>Thread safety: stateless apart from its collaborators; shared by all attempts.
 */
public final class StepExecutor {
    private static final System.Logger LOG = System.getLogger(StepExecutor.class.getName());
    private final RioStore store;
    private final Transactions transactions;
    private final JsonCodec codec;
    private final Clock clock;
    private final InvocationRows rows;
    private final StepCommit commits;

    StepExecutor(RioStore store, Transactions transactions, JsonCodec codec, Clock clock, InvocationRows rows,
            StepCommit commits) {
        this.store = store;
        this.transactions = transactions;
        this.codec = codec;
        this.clock = clock;
        this.rows = rows;
        this.commits = commits;
    }

    /** Runs a step's transaction, possibly together with steps of other threads. */
    private <T> T commit(Invocation invocation, String name, StepCommit.Work<T> work) {
        return commits.call(invocation.record().service() + '/' + invocation.record().handler() + '#' + name, work);
    }

    /** The journaled value of a completed step. */
    public <T> T value(JournalEntry entry, Class<T> type) {
        return codec.read(entry.value(), type, "the journaled result of step '" + entry.name() + "'");
    }

    /** Runs a step for the first time (retrying in place if it has a policy) and journals its result. */
    public <T> T execute(Invocation invocation, int seq, String kind, String name, Class<T> type,
            RetryPolicy policy, StepAction<T> action) {
        for (int attempt = 1;; attempt++) {
            long started = System.nanoTime();
            long[] actionNanos = {0};
            try {
                T result = commit(invocation, name, writes -> {
                    rows.unstored(invocation).ifPresent(writes.invocations::add);
                    long actionStarted = System.nanoTime();
                    T r = action.get();
                    actionNanos[0] = System.nanoTime() - actionStarted;
                    writes.journal.add(rows.append(invocation, new JournalEntry(invocation.id(), seq, kind, name,
                            codec.writeEntry(r, type, "The result of step '" + name + "'"), null, null,
                            clock.millis())));
                    return r;
                });
                invocation.markPersisted();
                invocation.addJournalNanos(System.nanoTime() - started - actionNanos[0]);
                return result;
            } catch (DuplicateEntryException raced) {
                return value(journaledElsewhere(invocation, seq, kind, name), type);
            } catch (TerminalException terminal) {
                journalFailure(invocation, seq, kind, name, terminal.code(), terminal.getMessage());
                throw terminal;
            } catch (StepFailedException | NonDeterminismException | InvocationEndedException e) {
                throw e; // an ended invocation's stale attempt: its step rolled back, the attempt ends
            } catch (Exception e) {
                String conflict = ResourceConflict.describe(name, e);
                if (conflict != null) {
                    LOG.log(System.Logger.Level.ERROR, "Invocation " + invocation.id() + " failed: " + conflict);
                    journalFailure(invocation, seq, kind, name, TerminalException.DEFAULT_CODE, conflict);
                    throw new TerminalException(TerminalException.DEFAULT_CODE, conflict);
                }
                if (policy == null) {
                    throw new StepFailedException(name, e);
                }
                if (attempt >= policy.maxAttempts()) {
                    String message = "Step '" + name + "' failed after " + attempt + " attempts: " + e;
                    journalFailure(invocation, seq, kind, name, TerminalException.DEFAULT_CODE, message);
                    throw new TerminalException(TerminalException.DEFAULT_CODE, message);
                }
                pause(policy.delayAfter(attempt).toMillis());
            }
        }
    }

    /** Journals an operation that has no action (a timer, an awakeable, a choice) and returns its entry. */
    public JournalEntry journal(Invocation invocation, int seq, String kind, String name, String value) {
        JournalEntry entry = new JournalEntry(invocation.id(), seq, kind, name, value, null, null, clock.millis());
        try {
            long started = System.nanoTime();
            commit(invocation, kind, writes -> {
                rows.unstored(invocation).ifPresent(writes.invocations::add);
                writes.journal.add(rows.append(invocation, entry));
                return null;
            });
            invocation.markPersisted();
            invocation.addJournalNanos(System.nanoTime() - started);
            return entry;
        } catch (DuplicateEntryException raced) {
            return journaledElsewhere(invocation, seq, kind, name);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry a step", e);
        }
    }

    private void journalFailure(Invocation invocation, int seq, String kind, String name, int code,
            String message) {
        try {
            Tx.call(transactions, () -> {
                rows.ensureStored(invocation);
                store.appendJournal(rows.append(invocation, new JournalEntry(invocation.id(), seq, kind, name,
                        null, code, message, clock.millis())));
                return null;
            });
            invocation.markPersisted();
        } catch (DuplicateEntryException raced) {
            journaledElsewhere(invocation, seq, kind, name);
        }
    }

    /** Another execution of this invocation journaled operation {@code seq} first: use its entry. */
    private JournalEntry journaledElsewhere(Invocation invocation, int seq, String kind, String name) {
        List<JournalEntry> journal = Tx.call(transactions, () -> store.loadJournal(invocation.id()));
        invocation.markPersisted();
        JournalEntry entry = journal.stream().filter(e -> e.seq() == seq).findFirst()
                .orElseThrow(() -> new IllegalStateException("Journal entry #" + seq + " of " + invocation.id()
                        + " conflicted on insert but cannot be read back"));
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
