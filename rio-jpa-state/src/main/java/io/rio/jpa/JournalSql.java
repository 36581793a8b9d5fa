package io.rio.jpa;

import io.rio.spi.JournalEntry;
import java.util.List;

/** The native SQL of {@link JpaRioStore} that writes {@code rio_journal} (the same on PostgreSQL and H2). */
final class JournalSql {
    /**
     * The INSERT of one or several entries: invocation id, seq, kind, name, value, error code (cast so that a null
     * binds on PostgreSQL), error message, created at.
     */
    static final MultiRowInsert<JournalEntry> INSERT = new MultiRowInsert<>("INSERT INTO rio_journal (invocation_id, "
            + "seq, kind, name, value_json, error_code, error_message, created_at) VALUES ",
            "(?, ?, ?, ?, ?, CAST(? AS INTEGER), ?, ?)", 8, JournalSql::bind);

    private JournalSql() {
    }

    private static void bind(MultiRowInsert.Params params, int p, JournalEntry entry) {
        params.set(p + 1, entry.invocationId());
        params.set(p + 2, entry.seq());
        params.set(p + 3, entry.kind());
        params.set(p + 4, entry.name());
        params.set(p + 5, entry.value());
        params.set(p + 6, entry.errorCode());
        params.set(p + 7, entry.errorMessage());
        params.set(p + 8, entry.createdAt());
    }

    /** What a unique violation of inserting {@code rows} means, for {@link io.rio.spi.DuplicateEntryException}. */
    static String duplicate(List<JournalEntry> entries) {
        return (entries.size() == 1 ? "journal entry " + entries.get(0).seq() + " of invocation "
                + entries.get(0).invocationId() : "one of " + entries.size() + " journal entries") + " exists already";
    }
}
