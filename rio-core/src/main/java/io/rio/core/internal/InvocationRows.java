package io.rio.core.internal;

import io.rio.core.EngineConfig;
import io.rio.core.InvocationOutcome;
import io.rio.core.model.HandlerDefinition;
import io.rio.spi.JournalAppend;
import io.rio.spi.JournalEntry;
import io.rio.spi.InvocationRecord;
import io.rio.spi.InvocationStatus;
import io.rio.spi.RioStore;
import java.time.Clock;

/**
 * Writes an invocation's row: inserted the first time anything of the invocation commits, updated after.
 * Every method works in the caller's transaction.
 */
public final class InvocationRows {
    private final RioStore store;
    private final Clock clock;
    private final EngineConfig config;
    private final Ownership ownership;

    public InvocationRows(RioStore store, Clock clock, EngineConfig config, Ownership ownership) {
        this.ownership = ownership;
        this.store = store;
        this.clock = clock;
        this.config = config;
    }

    /** {@code entry} of {@code invocation} to append, fenced on the epoch this node holds its partition at. */
    public JournalAppend append(Invocation invocation, JournalEntry entry) {
        int partition = invocation.partition();
        return new JournalAppend(entry, partition, ownership.epochOf(partition));
    }

    /** Inserts the invocation's row as running on this node, unless it is stored already. */
    public void ensureStored(Invocation invocation) {
        unstored(invocation).ifPresent(store::insertInvocation);
    }

    /** The row to insert for the invocation, running on this node; empty if it is stored already. */
    public java.util.Optional<InvocationRecord> unstored(Invocation invocation) {
        if (invocation.persisted()) {
            return java.util.Optional.empty();
        }
        long now = clock.millis();
        InvocationRecord r = invocation.record();
        return java.util.Optional.of(invocation.with(InvocationStatus.RUNNING, r.attempts(), null, null, null,
                config.nodeId(), ownership.epochOf(r.partition()), now, now));
    }

    /**
     * Writes {@code updated} as the invocation's row, inserting it if it is not stored yet.
     *
     * @throws AlreadyEndedException if the stored row has ended meanwhile (another node finished it)
     */
    public void save(Invocation invocation, InvocationRecord updated) {
        if (invocation.persisted()) {
            if (!store.updateInvocation(updated)) {
                throw new AlreadyEndedException(invocation.id());
            }
        } else {
            store.insertInvocation(updated);
        }
    }

    /** A record of this invocation in {@code status}, owned by this node. */
    public InvocationRecord next(Invocation invocation, InvocationStatus status, int attempts, String output,
            Integer errorCode, String errorMessage, long runAt) {
        long now = clock.millis();
        return invocation.with(status, attempts, output, errorCode, errorMessage, config.nodeId(),
                ownership.epochOf(invocation.partition()), runAt, now);
    }

    /** The idempotency key that makes a workflow's {@code run} unique per workflow key. */
    public static final String WORKFLOW_RUN_KEY = "~run";

    /** A new pending invocation owned by this node, due after {@code delayMillis}. */
    public InvocationRecord newRecord(HandlerDefinition target, String key, String inputJson,
            java.util.Map<String, String> headers, String idempotencyKey, long delayMillis, String parent) {
        long now = clock.millis();
        String idem = target.kind() == io.rio.core.model.HandlerKind.WORKFLOW_RUN ? WORKFLOW_RUN_KEY : idempotencyKey;
        String id = target.keyed() ? Ids.newInvocationId() : ownership.newLocalId();
        long epoch = ownership.epochOf(ownership.partitionOf(target, key, id));
        return new InvocationRecord(id, target.service(), target.name(),
                target.keyed() ? key : null, idem, inputJson, headers, InvocationStatus.PENDING, 0, null, null, null,
                config.nodeId(), epoch, now + Math.max(0, delayMillis), now, now, parent);
    }

    /** The header a callee inherits: who, as the server authenticated them, started the chain (if anyone). */
    static final String CALLER_HEADER = "x-rio-caller";

    private static java.util.Map<String, String> inherited(Invocation sender) {
        String caller = sender.record().headers().get(CALLER_HEADER);
        return caller == null ? java.util.Map.of() : java.util.Map.of(CALLER_HEADER, caller);
    }

    /** An outgoing call or send of {@code sender}, for its outbox. */
    Outbox.Message outgoing(Invocation sender, int seq, String kind, HandlerDefinition target, String key,
            Object input, java.time.Duration delay, JsonCodec codec) {
        String json = target.inputType() == null ? null : codec.writeEntry(input, target.inputType(),
                "The input of " + kind + " " + target.service() + "/" + target.name());
        String parent = Journal.CALL.equals(kind) ? sender.id() + "/" + seq : null;
        InvocationRecord callee = newRecord(target, key, json, inherited(sender), null,
                delay == null ? 0 : delay.toMillis(), parent);
        return new Outbox.Message(target, callee, new JournalEntry(sender.id(), seq, kind,
                target.service() + "/" + target.name(), callee.id(), null, null, clock.millis()));
    }

    /** The outcome a stored, ended invocation had. */
    public static InvocationOutcome outcome(InvocationRecord r) {
        if (r.status() == InvocationStatus.COMPLETED) {
            return InvocationOutcome.success(r.id(), r.output());
        }
        int code = r.errorCode() == null ? 500 : r.errorCode();
        return InvocationOutcome.failure(r.id(), code, r.errorMessage());
    }

    /** The stored invocation had already ended when this node tried to end it. */
    public static final class AlreadyEndedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AlreadyEndedException(String id) {
            super("Invocation " + id + " has already ended elsewhere");
        }
    }
}
