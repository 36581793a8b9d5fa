package io.rio.jpa;

import javax.sql.DataSource;

/** The store suite on the local PostgreSQL (fails, never skips, when it is down). */
class PostgresRioStoreTest extends RioStoreSuite {
    @Override
    DataSource freshDatabase(String name) {
        return TestDatabases.freshPostgresSchema("rio_jpa_" + name);
    }

    @Override
    Dialect expectedDialect() {
        return Dialect.POSTGRESQL;
    }
}
