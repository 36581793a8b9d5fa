package io.rio.jpa;

import jakarta.persistence.Query;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * An INSERT of one or several rows of one table in one statement: {@code INSERT INTO t (...) VALUES (...), (...)}.
 * The SQL text of each row count up to {@link #CACHED} is built once.
 *
 * <p>Thread safety: immutable apart from a benign race on the cache of SQL texts.
 */
final class MultiRowInsert<T> {
    /** Row counts whose SQL is kept (Rio's batches hold at most {@code rio.batch.size} rows, 32 by default). */
    static final int CACHED = 64;

    /** Where a row's values go: a JPA query's or a JDBC statement's parameters (1-based). */
    @FunctionalInterface
    interface Params {
        void set(int index, Object value);
    }

    /** Binds one row's values, its parameters starting after {@code offset}. */
    @FunctionalInterface
    interface Binder<T> {
        void bind(Params params, int offset, T row);
    }

    private final String insertInto;
    private final String row;
    private final String after;
    private final int parameters;
    private final Binder<T> binder;
    private final String[] sql = new String[CACHED + 1];

    /**
     * @param insertInto "INSERT INTO t (columns) VALUES "
     * @param row        one row's values, e.g. "(?, ?, CAST(? AS INTEGER))"
     * @param parameters the parameters of one row
     */
    MultiRowInsert(String insertInto, String row, int parameters, Binder<T> binder) {
        this(insertInto, row, "", parameters, binder);
    }

    /**
     * @param insertInto the text before the rows, e.g. "INSERT INTO t (columns) SELECT ... FROM (VALUES "
     * @param row        one row's values
     * @param after      the text after the rows, e.g. ") AS v (...) WHERE ..."
     * @param parameters the parameters of one row
     */
    MultiRowInsert(String insertInto, String row, String after, int parameters, Binder<T> binder) {
        this.insertInto = insertInto;
        this.row = row;
        this.after = after;
        this.parameters = parameters;
        this.binder = binder;
    }

    /** The SQL text for {@code rows} rows. */
    String sql(int rows) {
        if (rows <= CACHED) {
            String cached = sql[rows];
            if (cached == null) {
                cached = build(rows);
                sql[rows] = cached;
            }
            return cached;
        }
        return build(rows);
    }

    /** Binds every row of {@code rows} to {@code insert}, made from {@link #sql} of their count. */
    Query bind(Query insert, List<T> rows) {
        return bind(insert, 0, rows);
    }

    /** Binds every row of {@code rows} to {@code insert}, their parameters starting after {@code offset}. */
    Query bind(Query insert, int offset, List<T> rows) {
        bind(insert::setParameter, offset, rows);
        return insert;
    }

    /** The parameters of {@code rows} rows. */
    int parameters(int rows) {
        return rows * parameters;
    }

    /** Binds every row of {@code rows} to a JDBC statement made from {@link #sql} of their count. */
    void bind(PreparedStatement insert, List<T> rows) throws SQLException {
        try {
            bind((index, value) -> {
                try {
                    insert.setObject(index, value);
                } catch (SQLException e) {
                    throw new BindFailed(e);
                }
            }, 0, rows);
        } catch (BindFailed e) {
            throw (SQLException) e.getCause();
        }
    }

    private void bind(Params params, int offset, List<T> rows) {
        for (int i = 0; i < rows.size(); i++) {
            binder.bind(params, offset + i * parameters, rows.get(i));
        }
    }

    /** Carries a JDBC bind failure through {@link Params}. */
    private static final class BindFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BindFailed(SQLException cause) {
            super(cause);
        }
    }

    private String build(int rows) {
        StringBuilder text = new StringBuilder(insertInto.length() + rows * (row.length() + 2) + after.length())
                .append(insertInto);
        for (int i = 0; i < rows; i++) {
            text.append(i == 0 ? "" : ", ").append(row);
        }
        return text.append(after).toString();
    }
}
