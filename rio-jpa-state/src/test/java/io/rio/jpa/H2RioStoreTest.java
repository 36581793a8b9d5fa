package io.rio.jpa;

import javax.sql.DataSource;

/** The store suite on H2 in memory. */
class H2RioStoreTest extends RioStoreSuite {
    @Override
    DataSource freshDatabase(String name) {
        return TestDatabases.freshH2();
    }

    @Override
    Dialect expectedDialect() {
        return Dialect.H2;
    }
}
