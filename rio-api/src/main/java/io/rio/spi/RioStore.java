package io.rio.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine needs from a persistence backend. Every method works inside the calling thread's current
 * transaction (see {@link Transactions}) and never commits on its own. Times are epoch milliseconds.
 *
 * <p>Thread safety: implementations are called concurrently from many threads, each in its own
 * transaction.
 */
public interface RioStore {

    // ---- invocations ------------------------------------------------------------------------------

    /**
     * Stores a new invocation.
     *
     * @throws DuplicateEntryException if the id, or the (service, handler, object key, idempotency key), exists
     */
    void insertInvocation(InvocationRecord invocation);

    /**
     * Stores several new invocations; a store may do it in one statement.
     *
     * @throws DuplicateEntryException if any id, or (service, handler, object key, idempotency key), exists; then
     *                                 the transaction must be rolled back
     */
    default void insertInvocations(List<InvocationRecord> invocations) {
        for (InvocationRecord invocation : invocations) {
            insertInvocation(invocation);
        }
    }

    /**
     * Stores several new invocations and commits them on its own, outside any transaction, if this store can do
     * that here (for instance in one autocommitted statement, one database round trip); an invocation accepted
     * alone needs no more. Called outside transactions only.
     *
     * @return {@code true} once they are committed; {@code false} if the store cannot here (the default), and the
     *         caller then stores them with {@link #insertInvocations} in a transaction
     * @throws DuplicateEntryException if any id, or (service, handler, object key, idempotency key), exists; then
     *                                 none of them is stored
     */
    default boolean insertInvocationsCommitted(List<InvocationRecord> invocations) {
        return false;
    }

    Optional<InvocationRecord> findInvocation(String id);

    /** The invocation started with this idempotency key for this target, if retained. */
    Optional<InvocationRecord> findByIdempotencyKey(String service, String handler, String objectKey,
            String idempotencyKey);

    /**
     * Updates the mutable columns (status, attempts, output, error, owner, epoch, runAt, modifiedAt) of a stored
     * invocation, but only while it has not ended, and only while its partition is still at {@code invocation.epoch()}
     * (the fence: see {@link PartitionStore}).
     *
     * @return false if the row is missing or already ended (another node finished it): roll back then
     * @throws FencedException if the row is unfinished but its partition has moved to another epoch (an epoch
     *                         below 0 marks an operator's write, which is not fenced)
     */
    boolean updateInvocation(InvocationRecord invocation);

    // ---- journal ----------------------------------------------------------------------------------

    /** The journal of an invocation ordered by sequence. */
    List<JournalEntry> loadJournal(String invocationId);

    /**
     * Inserts a journal entry, fenced as {@link JournalAppend} says.
     *
     * @throws DuplicateEntryException if an entry exists at that (invocation, sequence)
     * @throws FencedException         if the entry's partition is no longer at the writer's epoch
     */
    void appendJournal(JournalAppend append);

    /**
     * Inserts several journal entries, each fenced as {@link JournalAppend} says; a store may do it in one
     * statement.
     *
     * @throws DuplicateEntryException if an entry exists at any of their (invocation, sequence); then the
     *                                 transaction must be rolled back
     * @throws FencedException         if the partition of any of them is no longer at its writer's epoch; then the
     *                                 transaction must be rolled back
     */
    default void appendJournal(List<JournalAppend> appends) {
        for (JournalAppend append : appends) {
            appendJournal(append);
        }
    }

    /**
     * Inserts new invocations and journal entries (a step's entry together with the row of its invocation, when
     * its first step stores the invocation); a store may do it in one statement, one database round trip.
     *
     * @throws DuplicateEntryException as {@link #insertInvocations} and {@link #appendJournal(List)} do; then the
     *                                 transaction must be rolled back
     * @throws FencedException         as {@link #appendJournal(List)} does
     */
    default void insertInvocationsAndJournal(List<InvocationRecord> invocations, List<JournalAppend> appends) {
        if (!invocations.isEmpty()) {
            insertInvocations(invocations);
        }
        if (!appends.isEmpty()) {
            appendJournal(appends);
        }
    }

    // ---- object state -----------------------------------------------------------------------------

    /**
     * Locks the object (service, key) until the current transaction ends, creating its row if absent, and returns
     * its state; not fenced (for operators' state edits, which any node may make).
     */
    Map<String, String> lockObject(String service, String key);

    /**
     * Locks the object (service, key) until the current transaction ends, creating its row if absent, and returns
     * its state and the invocation that holds the object between attempts, if any ({@link #holdObject}). A second
     * transaction locking the same object, on any node sharing the database, waits until this one ends. The lock is
     * fenced: it fails unless the object's partition is still at {@code fence}'s epoch.
     *
     * <p>It leaves out reading the state when the caller holds a copy that is still current: a copy taken when the
     * object was at {@code cachedVersion}, if the lock finds that no other transaction has locked it since. A store
     * that keeps no versions always reads.
     *
     * @param cachedVersion the version of the caller's copy of the state, or -1 for none
     * @throws FencedException if the object's partition is no longer at {@code fence}'s epoch
     */
    LockedObject lockObject(String service, String key, long cachedVersion, PartitionStore.Fence fence);

    /**
     * Marks {@code invocationId} as the head of the object's queue between its attempts (it suspended, backs off or
     * is paused), creating the object's row if absent: until {@link #releaseObject released}, every other exclusive
     * attempt on the object finds it in {@link LockedObject#head()} and must wait behind it, on every node.
     */
    void holdObject(String service, String key, String invocationId);

    /** Clears the object's head if it is {@code invocationId} (it ended). */
    void releaseObject(String service, String key, String invocationId);

    /** The committed state of an object, without locking it. */
    Map<String, String> readState(String service, String key);

    /** Applies an exclusive attempt's changes; the caller holds the object's lock. */
    void applyState(String service, String key, StateChanges changes);

    // ---- signals (awakeables, call results, workflow promises, cancellation) ----------------------

    /**
     * Stores a completion.
     *
     * @throws DuplicateEntryException if (scope, name) is completed already
     */
    void insertSignal(SignalRecord signal);

    /** Every completion of {@code scope}. */
    List<SignalRecord> loadSignals(String scope);

    Optional<SignalRecord> findSignal(String scope, String name);

    /**
     * Makes a suspended invocation due now ({@code run_at = now} where its status is SUSPENDED), so that its
     * partition's owner resumes it (at once when notified, else at its next scan).
     *
     * @return whether a suspended invocation was found
     */
    boolean wakeInvocation(String id, long now);

    // ---- administration and retention -------------------------------------------------------------

    /** Stored invocations matching {@code query}, newest first. */
    List<InvocationRecord> listInvocations(InvocationQuery query);

    /**
     * Deletes an ended invocation with its journal and its signals; for a workflow's {@code run} also the
     * workflow's state, object row and promises, so the workflow key is free again.
     *
     * @return false if it does not exist or has not ended
     */
    boolean purgeInvocation(String id);

    /** Keys of {@code service} that have an object row, sorted, at most {@code limit}. */
    List<String> listObjectKeys(String service, int limit);

    /**
     * Deletes up to {@code limit} invocations that ended before {@code cutoff}, with their journals and signals;
     * for a workflow's {@code run} (idempotency key {@code ~run}) also the workflow's state, object row and
     * promises ({@code wf/<service>/<key>} signals). Also forgets fired schedule ticks older than {@code cutoff}.
     *
     * @return how many invocations were deleted
     */
    int purgeEndedBefore(long cutoff, int limit);

    // ---- schedules --------------------------------------------------------------------------------

    /**
     * Records that tick {@code tick} (epoch millis) of schedule {@code schedule} fired; true for the one node
     * that records it first, false for every other.
     */
    boolean claimTick(String schedule, long tick);
}
