package io.rio.cdi;

import io.rio.cdi.internal.DeploymentMessages;
import io.rio.cdi.internal.JpaBackend;
import io.rio.cdi.internal.PersistenceUnits;
import io.rio.cdi.internal.Jndi;
import io.rio.cdi.internal.JsonbSerde;
import io.rio.cdi.internal.JtaTransactions;
import io.rio.cdi.internal.RioSettings;
import io.rio.core.RioEngine;
import io.rio.core.SingleNode;
import io.rio.spi.Membership;
import io.rio.spi.MembershipProvider;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;

/**
 * Starts Rio when the application starts: reads {@link RioSettings} from MicroProfile Config, migrates the
 * schema of the configured data source, builds the JPA store, JTA transactions and JSON-B serde, and starts
 * the {@link RioEngine} on the container's managed executors. Other beans {@code @Inject RioEngine}.
 *
 * <p>Thread safety: started and stopped by the container on one thread; the accessors are safe from any
 * thread.
 *
 * <p>Error handling: a missing data source or executor, a bad config value or a failed migration fails
 * the deployment with a {@link DeploymentException} naming the config key, the value and the fix.
 */
@ApplicationScoped
public class RioRuntime {

    private static final Logger LOG = Logger.getLogger(RioRuntime.class.getName());
    private static final String TSR = "java:comp/TransactionSynchronizationRegistry";

    @Inject
    Config config;

    @Inject
    JtaTransactions transactions;

    @Inject
    BeanManager beanManager;

    @Inject
    Instance<MembershipProvider> membershipProviders;

    private volatile RioSettings settings;
    private volatile boolean migrated;
    private volatile RioEngine engine;
    private volatile String failure;
    private JpaBackend backend;
    private JsonbSerde serde;
    private Membership membership;

    /** Starts Rio eagerly, as the application starts. */
    void onStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        start();
    }

    /** Starts Rio if not started yet. */
    public synchronized void start() {
        if (engine != null) {
            return;
        }
        try {
            RioSettings s = RioSettings.from(config);
            settings = s;
            DataSource dataSource = dataSource(s.dataSource());
            JpaBackend.migrate(dataSource);
            migrated = true;
            backend = JpaBackend.open(dataSource, Jndi.lookup(null, TSR, TransactionSynchronizationRegistry.class));
            serde = new JsonbSerde();
            membership = startMembership(s.engine().nodeId());
            RioEngine e = new RioEngine(beanManager.getExtension(RioExtension.class).registry(), backend.store(),
                    backend.partitions(), membership, transactions, serde,
                    Jndi.lookup(RioSettings.EXECUTOR, s.executor(), ManagedExecutorService.class),
                    Jndi.lookup(RioSettings.SCHEDULER, s.scheduler(), ManagedScheduledExecutorService.class),
                    Clock.systemUTC(), s.engine());
            e.start();
            engine = e;
            failure = null;
            checkApplicationUnits(s.dataSource(), dataSource);
            LOG.info(() -> "Rio started on node " + s.engine().nodeId() + " with data source " + s.dataSource()
                    + (membership instanceof SingleNode ? ", single-node" : ", in a cluster of "
                    + membership.members().size() + " members"));
        } catch (RuntimeException e) {
            failure = e.getMessage();
            LOG.log(Level.SEVERE, "Rio failed to start", e);
            closeQuietly();
            throw e instanceof DeploymentException ? e : new DeploymentException(e.getMessage(), e);
        }
    }

    /**
     * The cluster membership: the one a cluster module contributes ({@link MembershipProvider}), or a single node
     * owning every partition.
     */
    private Membership startMembership(String nodeId) {
        if (membershipProviders.isUnsatisfied()) {
            return new SingleNode(nodeId);
        }
        if (membershipProviders.isAmbiguous()) {
            throw new DeploymentException("More than one io.rio.spi.MembershipProvider is deployed: keep one cluster "
                    + "module (for example rio-hazelcast-membership) in the application");
        }
        try {
            return membershipProviders.get().start(nodeId);
        } catch (IllegalStateException e) {
            throw new DeploymentException("Rio's cluster membership did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Warns, naming the fix, about every JTA persistence unit of the application whose data source is not Rio's
     * (by name, else by the object bound): a step writing through it would fail to enlist a second non-XA resource.
     */
    private static void checkApplicationUnits(String rioName, DataSource rio) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (PersistenceUnits.Unit unit : PersistenceUnits.jtaUnits(loader == null ? RioRuntime.class.getClassLoader()
                : loader)) {
            if (PersistenceUnits.sameName(unit.dataSource(), rioName)) {
                continue;
            }
            Object bound;
            try {
                bound = new InitialContext().lookup(unit.dataSource());
            } catch (NamingException e) {
                bound = null;
            }
            if (bound != rio && !rio.equals(bound)) {
                LOG.log(Level.WARNING, DeploymentMessages.unitOnAnotherDataSource(unit, rioName));
            }
        }
    }

    /** The data source bound to {@code jndiName}; fails the deployment naming {@code rio.datasource} if absent. */
    static DataSource dataSource(String jndiName) {
        try {
            Object found = new InitialContext().lookup(jndiName);
            if (found instanceof DataSource ds) {
                return ds;
            }
            throw new DeploymentException(DeploymentMessages.dataSourceNotFound(RioSettings.DATASOURCE, jndiName,
                    new NamingException("bound to " + (found == null ? "null" : found.getClass().getName())
                            + ", not a javax.sql.DataSource")));
        } catch (NamingException e) {
            throw new DeploymentException(DeploymentMessages.dataSourceNotFound(RioSettings.DATASOURCE, jndiName, e), e);
        }
    }

    /** Stops the engine and closes the persistence unit. */
    @PreDestroy
    synchronized void stop() {
        closeQuietly();
    }

    private void closeQuietly() {
        RioEngine e = engine;
        engine = null;
        if (e != null) {
            try {
                e.close();
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "Rio engine did not close cleanly", ex);
            }
        }
        if (membership != null) {
            try {
                membership.close(); // hands this node's partitions to the others
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "Rio's cluster membership did not close cleanly", ex);
            }
            membership = null;
        }
        if (backend != null) {
            backend.close();
            backend = null;
        }
        if (serde != null) {
            try {
                serde.close();
            } catch (RuntimeException ex) {
                LOG.log(Level.FINE, "JSON-B did not close cleanly", ex);
            }
            serde = null;
        }
    }

    /**
     * The running engine, for injection into other beans (the JAX-RS ingress).
     *
     * @throws IllegalStateException if Rio is not started (its start failed, or it is stopped)
     */
    @Produces
    @Dependent
    public RioEngine engine() {
        RioEngine e = engine;
        if (e == null) {
            throw new IllegalStateException("Rio is not started" + (failure == null ? "" : ": " + failure));
        }
        return e;
    }

    /** Whether the schema migrations ran. */
    public boolean migrated() {
        return migrated;
    }

    /** Whether the cluster membership has joined and this node holds the partitions it owns (always, single-node). */
    public boolean clusterReady() {
        RioEngine e = engine;
        return e != null && e.cluster().ready();
    }

    /** Whether the engine is running. */
    public boolean started() {
        return engine != null;
    }

    /** The settings read at start, if Rio got that far. */
    public Optional<RioSettings> settings() {
        return Optional.ofNullable(settings);
    }

    /** Why the last start failed, if it did. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }
}
