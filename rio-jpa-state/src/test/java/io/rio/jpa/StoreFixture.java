package io.rio.jpa;

import io.rio.spi.InvocationRecord;
import io.rio.spi.InvocationStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import javax.sql.DataSource;

/** What the store test interfaces need from the suite that runs them on one database. */
interface StoreFixture {
    /** The schema version the migrations reach. */
    int SCHEMA_VERSION = 3;

    /** The epoch at which node-a holds every partition in each test (taken anew before each). */
    long EPOCH = 1;

    JpaPartitionStore partitions();

    JpaRioStore store();

    ResourceLocalTransactions tx();

    /** The migrated database the store works on, emptied before each test. */
    DataSource dataSource();

    ExecutorService threads();

    /** Another empty database (or schema) called {@code name}. */
    DataSource fresh(String name);

    /** An invocation without idempotency key, input or headers. */
    static InvocationRecord invocation(String id, String service, String handler, String objectKey,
            String idempotencyKey, InvocationStatus status, long createdAt, long modifiedAt, String parent) {
        return new InvocationRecord(id, service, handler, objectKey, idempotencyKey, null, Map.of(), status, 1,
                status == InvocationStatus.COMPLETED ? "\"ok\"" : null, null, null, "node-a", EPOCH, 0, createdAt,
                modifiedAt, parent);
    }

    static List<String> ids(List<InvocationRecord> records) {
        return records.stream().map(InvocationRecord::id).toList();
    }
}
