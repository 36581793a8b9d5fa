package io.rio.jpa;

import io.rio.spi.SignalRecord;

/**
 * The native SQL of {@link JpaRioStore} for {@code rio_signal} (the same on PostgreSQL and H2), and the mapping of
 * its rows.
 */
final class SignalSql {
    private static final String COLUMNS = "scope, name, value_json, error_code, error_message, created_at";

    /** ?1 scope .. ?6 created_at. The error code is cast so that a null binds on PostgreSQL too. */
    static final String INSERT = "INSERT INTO rio_signal (" + COLUMNS + ") VALUES (?, ?, ?, CAST(? AS INTEGER), ?, ?)";

    /** ?1 scope; ordered by name. */
    static final String LOAD = "SELECT " + COLUMNS + " FROM rio_signal WHERE scope = ? ORDER BY name";

    /** ?1 scope, ?2 name. */
    static final String FIND = "SELECT " + COLUMNS + " FROM rio_signal WHERE scope = ? AND name = ?";

    /** ?1 scope. */
    static final String DELETE_SCOPE = "DELETE FROM rio_signal WHERE scope = ?";

    private SignalSql() {
    }

    /** A row selected with {@link #COLUMNS}, in that order. */
    static SignalRecord toRecord(Object[] row) {
        return new SignalRecord((String) row[0], (String) row[1], (String) row[2],
                row[3] == null ? null : ((Number) row[3]).intValue(), (String) row[4], ((Number) row[5]).longValue());
    }
}
