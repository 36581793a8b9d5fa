package io.rio.jpa;

import io.rio.spi.JournalEntry;
import jakarta.persistence.Query;

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

    private static void bind(Query insert, int p, JournalEntry entry) {
        insert.setParameter(p + 1, entry.invocationId())
                .setParameter(p + 2, entry.seq())
                .setParameter(p + 3, entry.kind())
                .setParameter(p + 4, entry.name())
                .setParameter(p + 5, entry.value())
                .setParameter(p + 6, entry.errorCode())
                .setParameter(p + 7, entry.errorMessage())
                .setParameter(p + 8, entry.createdAt());
    }
}
