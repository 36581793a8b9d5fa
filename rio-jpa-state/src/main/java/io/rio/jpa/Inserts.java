package io.rio.jpa;

import io.rio.spi.DuplicateEntryException;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import java.sql.SQLException;
import java.util.function.Supplier;

/** Runs {@link JpaRioStore}'s INSERTs, turning unique violations into {@link DuplicateEntryException}. */
final class Inserts {
    private static final String UNIQUE_VIOLATION = "23505";

    private Inserts() {
    }

    /**
     * Runs an INSERT and returns the rows it inserted; a unique violation becomes {@link DuplicateEntryException}
     * with {@code duplicate}'s text.
     */
    static int run(Query insert, Supplier<String> duplicate) {
        try {
            return insert.executeUpdate();
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                throw new DuplicateEntryException(duplicate.get(), e);
            }
            throw e;
        }
    }

    /** Whether {@code e} was caused by a unique or primary-key violation (SQLState 23505, PostgreSQL and H2). */
    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
