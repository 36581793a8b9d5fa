package io.rio.jpa;

import io.rio.jpa.entity.HeadersConverter;
import io.rio.jpa.entity.JournalEntity;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.spi.PersistenceProvider;
import jakarta.persistence.spi.PersistenceProviderResolverHolder;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URL;
import java.security.CodeSource;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Builds the {@link EntityManagerFactory} of Rio's own persistence unit {@value #UNIT_NAME} from code, so that
 * this jar carries no {@code persistence.xml} to clash with the application's.
 *
 * <p>The provider is EclipseLink ({@value #ECLIPSELINK}) when it is on the class path, else the first provider
 * that {@link PersistenceProviderResolverHolder} knows. The unit lists Rio's entity classes only, disables the
 * shared cache, weaving and DDL generation (the schema comes from {@link SchemaMigrator}) and, for
 * {@link PersistenceUnitTransactionType#JTA}, sets {@code eclipselink.target-server} for the server it runs in
 * (Payara/GlassFish or WildFly) unless the caller or a system property sets it.
 *
 * <p>Error handling: without any JPA provider, {@link #createEntityManagerFactory} throws
 * {@link IllegalStateException} saying which jar to add.
 */
public final class RioPersistence {
    /** The name of Rio's persistence unit. */
    public static final String UNIT_NAME = "rio";
    /** EclipseLink's provider class, preferred when present. */
    public static final String ECLIPSELINK = "org.eclipse.persistence.jpa.PersistenceProvider";
    private static final String TARGET_SERVER = "eclipselink.target-server";
    private static final List<String> CLASSES = List.of(JournalEntity.class.getName(),
            HeadersConverter.class.getName());

    private RioPersistence() {
    }

    /** The managed classes of Rio's persistence unit. */
    public static List<String> managedClassNames() {
        return CLASSES;
    }

    /**
     * Creates the factory of Rio's persistence unit.
     *
     * @param dataSource the database (JTA data source for {@code JTA}, plain for {@code RESOURCE_LOCAL})
     * @param type       {@code JTA} in a server (use {@link JtaEntityManagers}), {@code RESOURCE_LOCAL} in SE tests
     * @param overrides  extra or overriding provider properties, may be empty
     */
    public static EntityManagerFactory createEntityManagerFactory(DataSource dataSource,
            PersistenceUnitTransactionType type, Map<String, ?> overrides) {
        ClassLoader loader = RioPersistence.class.getClassLoader();
        PersistenceProvider provider = provider(loader);
        Properties props = new Properties();
        props.setProperty("eclipselink.weaving", "false");
        props.setProperty("eclipselink.cache.shared.default", "false");
        props.setProperty("eclipselink.ddl-generation", "none");
        props.setProperty("jakarta.persistence.schema-generation.database.action", "none");
        // Rio's store flushes its own writes; nothing is left for commit-time change detection.
        props.setProperty("eclipselink.persistence-context.flush-mode", "COMMIT");
        if (type == PersistenceUnitTransactionType.JTA) {
            // read through the transaction's connection, so reads see the transaction's own writes
            props.setProperty("eclipselink.transaction.join-existing", "true");
            // one connection per transaction for reads and writes, instead of a pool round trip per read
            // (benchmark: +10-40% on Counter.add over random keys)
            props.setProperty("eclipselink.jdbc.exclusive-connection.mode", "Transactional");
            String server = System.getProperty(TARGET_SERVER, detectServer());
            if (server != null) {
                props.setProperty(TARGET_SERVER, server);
            }
        }
        overrides.forEach((k, v) -> props.put(k, v));
        RioPersistenceUnitInfo info = new RioPersistenceUnitInfo(UNIT_NAME, provider.getClass().getName(), type,
                dataSource, CLASSES, rootUrl(), loader, props);
        EntityManagerFactory emf = provider.createContainerEntityManagerFactory(info, Map.of());
        if (emf == null) {
            throw new IllegalStateException("The JPA provider " + provider.getClass().getName()
                    + " refused Rio's persistence unit. Add EclipseLink (" + ECLIPSELINK + ") to the application.");
        }
        return emf;
    }

    static PersistenceProvider provider(ClassLoader loader) {
        try {
            return (PersistenceProvider) Class.forName(ECLIPSELINK, true, loader).getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            List<PersistenceProvider> providers =
                    PersistenceProviderResolverHolder.getPersistenceProviderResolver().getPersistenceProviders();
            if (providers.isEmpty()) {
                throw new IllegalStateException("Rio found no JPA provider. Add EclipseLink "
                        + "(org.eclipse.persistence:org.eclipse.persistence.jpa) to the application or server.", e);
            }
            return providers.get(0);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("Rio could not instantiate the JPA provider " + ECLIPSELINK + ": " + e, e);
        }
    }

    /** EclipseLink's name for the server we run in, or null to let EclipseLink decide. */
    static String detectServer() {
        if (System.getProperty("com.sun.aas.installRoot") != null || present("fish.payara.micro.PayaraMicro")
                || present("com.sun.enterprise.glassfish.bootstrap.GlassFishImpl")) {
            return "Glassfish";
        }
        if (System.getProperty("jboss.home.dir") != null || System.getProperty("jboss.server.base.dir") != null) {
            return "JBoss";
        }
        return null;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, RioPersistence.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static URL rootUrl() {
        CodeSource source = JournalEntity.class.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }
}
