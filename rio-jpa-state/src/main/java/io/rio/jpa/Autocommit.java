package io.rio.jpa;

import io.rio.spi.DuplicateEntryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Statements that commit on their own: one INSERT on a connection in autocommit mode, outside any transaction.
 * That is one database round trip, where a transaction takes two (the statement, then the commit) plus the
 * transaction manager's work. {@link JpaRioStore} uses it for invocations accepted by the ingress.
 *
 * <p>Thread safety: stateless apart from its collaborators.
 *
 * <p>Error handling: a unique violation becomes {@link DuplicateEntryException}; other failures become
 * {@link IllegalStateException} naming the table. Either way nothing was inserted.
 */
public final class Autocommit {
    private final DataSource dataSource;
    private final BooleanSupplier outsideTransactions;

    /**
     * @param dataSource          the database Rio's persistence unit uses
     * @param outsideTransactions whether the calling thread is outside any transaction (in a server: the JTA
     *                            registry has no transaction key), so that the data source's connection is not
     *                            enlisted in one
     */
    /** SQLState of a statement on a connection that is closed already (PostgreSQL's driver: nothing was sent). */
    private static final String CONNECTION_DOES_NOT_EXIST = "08003";

    public Autocommit(DataSource dataSource, BooleanSupplier outsideTransactions) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.outsideTransactions = Objects.requireNonNull(outsideTransactions, "outsideTransactions");
    }

    /**
     * Inserts {@code rows} in one autocommitted statement.
     *
     * @return {@code false}, having done nothing, if the calling thread is in a transaction or the data source's
     *         connection is not in autocommit mode
     */
    <T> boolean insert(MultiRowInsert<T> insert, List<T> rows, String table, Supplier<String> duplicate) {
        if (rows.isEmpty()) {
            return true;
        }
        if (!outsideTransactions.getAsBoolean()) {
            return false;
        }
        try {
            try {
                return insertOnce(insert, rows);
            } catch (SQLException e) {
                if (!CONNECTION_DOES_NOT_EXIST.equals(e.getSQLState())) {
                    throw e;
                }
                // the pool gave out a connection that was already closed (nothing was sent): once more, on another
                return insertOnce(insert, rows);
            }
        } catch (SQLException e) {
            if (Inserts.isUniqueViolation(e)) {
                throw new DuplicateEntryException(duplicate.get(), e);
            }
            throw new IllegalStateException("Inserting " + rows.size() + " row(s) into " + table + " failed: "
                    + e.getMessage(), e);
        }
    }

    private <T> boolean insertOnce(MultiRowInsert<T> insert, List<T> rows) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!c.getAutoCommit()) {
                return false;
            }
            try (PreparedStatement statement = c.prepareStatement(insert.sql(rows.size()))) {
                insert.bind(statement, rows);
                statement.executeUpdate();
            }
            return true;
        }
    }
}
