package io.rio.cdi;

import io.rio.cdi.internal.DeploymentMessages;
import io.rio.cdi.internal.JpaBackend;
import io.rio.cdi.internal.Jndi;
import io.rio.cdi.internal.JsonbSerde;
import io.rio.cdi.internal.JtaTransactions;
import io.rio.cdi.internal.RioSettings;
import io.rio.core.RioEngine;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
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

    private volatile RioSettings settings;
    private volatile boolean migrated;
    private volatile RioEngine engine;
    private volatile String failure;
    private JpaBackend backend;
    private JsonbSerde serde;

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
            RioEngine e = new RioEngine(beanManager.getExtension(RioExtension.class).registry(), backend.store(),
                    transactions, serde,
                    Jndi.lookup(RioSettings.EXECUTOR, s.executor(), ManagedExecutorService.class),
                    Jndi.lookup(RioSettings.SCHEDULER, s.scheduler(), ManagedScheduledExecutorService.class),
                    Clock.systemUTC(), s.engine());
            e.start();
            engine = e;
            failure = null;
            LOG.info(() -> "Rio started on node " + s.engine().nodeId() + " with data source " + s.dataSource());
        } catch (RuntimeException e) {
            failure = e.getMessage();
            LOG.log(Level.SEVERE, "Rio failed to start", e);
            closeQuietly();
            throw e instanceof DeploymentException ? e : new DeploymentException(e.getMessage(), e);
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
