package io.rio.jpa;

import io.rio.spi.JournalEntry;
import jakarta.persistence.Query;

/** The native SQL of {@link JpaRioStore} that writes {@code rio_journal} (the same on PostgreSQL and H2). */
final class JournalSql {
    private static final String INSERT_INTO = "INSERT INTO rio_journal (invocation_id, seq, kind, name, value_json, "
            + "error_code, error_message, created_at) VALUES ";
    /** Invocation id, seq, kind, name, value, error code (cast so that a null binds on PostgreSQL), message, time. */
    private static final String ROW = "(?, ?, ?, ?, ?, CAST(? AS INTEGER), ?, ?)";
    private static final int PARAMETERS = 8;

    private JournalSql() {
    }

    /** An INSERT of {@code rows} entries in one statement; bind each with {@link #bind}. */
    static String insertRows(int rows) {
        return InvocationSql.multiRow(INSERT_INTO, ROW, rows);
    }

    /** Binds {@code entry} to the parameters of row {@code row} (from 0) of {@link #insertRows}. */
    static Query bind(Query insert, int row, JournalEntry entry) {
        int p = row * PARAMETERS;
        return insert.setParameter(p + 1, entry.invocationId())
                .setParameter(p + 2, entry.seq())
                .setParameter(p + 3, entry.kind())
                .setParameter(p + 4, entry.name())
                .setParameter(p + 5, entry.value())
                .setParameter(p + 6, entry.errorCode())
                .setParameter(p + 7, entry.errorMessage())
                .setParameter(p + 8, entry.createdAt());
    }
}
