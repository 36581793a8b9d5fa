package io.rio.cdi.internal;

import io.rio.jpa.Autocommit;
import io.rio.jpa.Dialect;
import io.rio.jpa.JpaPartitionStore;
import io.rio.jpa.JpaRioStore;
import io.rio.jpa.JtaEntityManagers;
import io.rio.jpa.RioPersistence;
import io.rio.jpa.SchemaMigrator;
import io.rio.spi.PartitionStore;
import io.rio.spi.RioStore;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Rio's JPA state in a Jakarta EE server: migrates the schema of the data source, builds Rio's own
 * JTA persistence unit on it, and a {@link JpaRioStore} whose entity managers follow the JTA transaction.
 *
 * <p>Thread safety: built once at startup; the store is thread-safe.
 */
public final class JpaBackend implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JpaBackend.class.getName());

    private final EntityManagerFactory factory;
    private final RioStore store;
    private final PartitionStore partitions;

    private JpaBackend(EntityManagerFactory factory, RioStore store, PartitionStore partitions) {
        this.factory = factory;
        this.store = store;
        this.partitions = partitions;
    }

    /** Runs the pending migrations on {@code dataSource}; returns how many ran. */
    public static int migrate(DataSource dataSource) {
        int applied = new SchemaMigrator(dataSource).migrate();
        LOG.info(() -> "Rio schema migrations applied: " + applied);
        return applied;
    }

    /** Builds the persistence unit and store on an already migrated data source. */
    public static JpaBackend open(DataSource dataSource, TransactionSynchronizationRegistry registry) {
        EntityManagerFactory emf = RioPersistence.createEntityManagerFactory(dataSource,
                PersistenceUnitTransactionType.JTA, Map.of());
        try {
            JtaEntityManagers entityManagers = new JtaEntityManagers(emf, registry);
            Dialect dialect = Dialect.detect(dataSource);
            return new JpaBackend(emf, new JpaRioStore(entityManagers, dialect,
                    new Autocommit(dataSource, () -> registry.getTransactionKey() == null)),
                    new JpaPartitionStore(entityManagers, dialect));
        } catch (RuntimeException e) {
            emf.close();
            throw e;
        }
    }

    public RioStore store() {
        return store;
    }

    /** Partition ownership and due invocations ({@code rio_partition}). */
    public PartitionStore partitions() {
        return partitions;
    }

    @Override
    public void close() {
        if (factory.isOpen()) {
            factory.close();
        }
    }
}
