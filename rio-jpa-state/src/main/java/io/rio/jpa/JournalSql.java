package io.rio.jpa;

import io.rio.spi.JournalAppend;
import io.rio.spi.FencedException;
import io.rio.spi.InvocationEndedException;
import io.rio.spi.JournalEntry;
import java.util.List;

/** The native SQL of {@link JpaRioStore} that writes {@code rio_journal} (the same on PostgreSQL and H2). */
final class JournalSql {
    /**
     * The fenced INSERT of one or several entries, one statement: each row of the {@code VALUES} list carries the
     * entry (invocation id, seq, kind, name, value, error code, error message, created at) and its writer's
     * partition and epoch, and is inserted only if that partition is still at that epoch (or the epoch is below 0:
     * not fenced). Fewer rows inserted than given means a writer was fenced. The nullable columns are cast so that
     * a null binds on PostgreSQL, whose {@code VALUES} list infers no type from the target table.
     *
     * <p>An entry is also written only while its invocation's row exists unfinished: an attempt of an invocation
     * that has ended (or was purged, journal and all) is stale, and without this its steps would run and be
     * journaled again from the start. The unique (invocation, seq) key cannot catch that once the journal is gone.
     *
     * <p>The checks read the rows without locking them: a takeover that commits while such an INSERT runs
     * may let it through, and then the unique (invocation, seq) key decides between the two writers, as it does
     * between any two executions of one invocation.
     */
    static final MultiRowInsert<JournalAppend> INSERT = insert("");

    /**
     * {@link #INSERT} as the main statement after {@code WITH invocations AS (INSERT ... RETURNING id)}: the
     * invocations inserted there count as unfinished (the main statement's snapshot does not see them).
     */
    static final MultiRowInsert<JournalAppend> INSERT_AFTER_INVOCATIONS = insert(
            " OR j.i IN (SELECT id FROM invocations)");

    /** The ids of the given invocations that exist unfinished (a follow-up when an INSERT fell short). */
    static String unfinishedAmong(int ids) {
        return "SELECT id FROM rio_invocation WHERE " + InvocationSql.UNFINISHED + " AND id IN ("
                + String.join(", ", java.util.Collections.nCopies(ids, "?")) + ")";
    }

    private static MultiRowInsert<JournalAppend> insert(String orInsertedNow) {
        return new MultiRowInsert<>("INSERT INTO rio_journal (invocation_id, "
                + "seq, kind, name, value_json, error_code, error_message, created_at) SELECT j.i, j.s, j.k, j.n, j.v, "
                + "j.c, j.m, j.t FROM (VALUES ",
                "(?, CAST(? AS INTEGER), ?, ?, CAST(? AS VARCHAR), CAST(? AS INTEGER), "
                        + "CAST(? AS VARCHAR), CAST(? AS BIGINT), CAST(? AS INTEGER), CAST(? AS BIGINT))",
                ") AS j (i, s, k, n, v, c, m, t, p, e) WHERE (j.e < 0 OR EXISTS (SELECT 1 FROM rio_partition rp "
                        + "WHERE rp.id = j.p AND rp.epoch = j.e)) AND (EXISTS (SELECT 1 FROM rio_invocation ri "
                        + "WHERE ri.id = j.i AND ri." + InvocationSql.UNFINISHED + ")" + orInsertedNow + ")",
                10, JournalSql::bind);
    }

    private JournalSql() {
    }

    private static void bind(MultiRowInsert.Params params, int p, JournalAppend append) {
        JournalEntry entry = append.entry();
        params.set(p + 1, entry.invocationId());
        params.set(p + 2, entry.seq());
        params.set(p + 3, entry.kind());
        params.set(p + 4, entry.name());
        params.set(p + 5, entry.value());
        params.set(p + 6, entry.errorCode());
        params.set(p + 7, entry.errorMessage());
        params.set(p + 8, entry.createdAt());
        params.set(p + 9, append.partition());
        params.set(p + 10, append.epoch());
    }

    /** What a unique violation of inserting {@code rows} means, for {@link io.rio.spi.DuplicateEntryException}. */
    static String duplicate(List<JournalAppend> appends) {
        return describe(appends) + " exists already";
    }

    /** The exception for an INSERT of {@code appends} whose invocations {@code ended} have ended or were purged. */
    static InvocationEndedException ended(java.util.Collection<String> ended) {
        return new InvocationEndedException("Invocation " + String.join(", ", ended) + " has ended or was purged: "
                + "its journal is closed (a stale attempt wrote to it)");
    }

    /** The exception for an INSERT of {@code appends} that inserted fewer rows than it was given. */
    static FencedException fenced(List<JournalAppend> appends) {
        JournalAppend first = appends.get(0);
        return new FencedException(first.partition(), describe(appends) + " was not written: "
                + (appends.size() == 1 ? "partition " + first.partition() + " is no longer at epoch " + first.epoch()
                : "a partition is no longer at its writer's epoch"));
    }

    private static String describe(List<JournalAppend> appends) {
        return appends.size() == 1 ? "journal entry " + appends.get(0).entry().seq() + " of invocation "
                + appends.get(0).entry().invocationId() : "one of " + appends.size() + " journal entries";
    }
}
