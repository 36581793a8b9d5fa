package io.rio.sample.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WARs the end-to-end tests deploy. Both start from the packaged sample ({@code target/sample.war},
 * built by {@code mvn package} before failsafe runs), so they test the real artifact.
 */
final class Deployments {

    private Deployments() {
    }

    /** The sample WAR exactly as built: Rio on the server's default data source (H2 on Payara Micro). */
    static WebArchive sampleOnH2(String name) {
        return ShrinkWrap.create(ZipImporter.class, name).importFrom(sampleWar()).as(WebArchive.class);
    }

    /**
     * The sample WAR plus the test handlers of {@code io.rio.sample.it.app}, the PostgreSQL driver and
     * a data source {@code java:global/jdbc/rio} on 127.0.0.1:5432/test that Rio and the sample PU use.
     */
    static WebArchive sampleOnPostgres(String name) {
        return sampleOnPostgres(name, "");
    }

    /**
     * Like {@link #sampleOnPostgres(String)}, with {@code extraConfig} (MicroProfile Config properties lines)
     * appended to the test configuration, e.g. {@code "rio.retention=2s\n"}.
     */
    static WebArchive sampleOnPostgres(String name, String extraConfig) {
        WebArchive war = sampleOnH2(name);
        war.delete("/WEB-INF/classes/META-INF/persistence.xml");
        return war
                .addPackage("io.rio.sample.it.app")
                .addAsLibrary(postgresDriverJar())
                .setWebXML("it-postgres/web.xml")
                .addAsWebInfResource("it-postgres/glassfish-web.xml", "glassfish-web.xml")
                .addAsResource("it-postgres/persistence.xml", "META-INF/persistence.xml")
                .addAsResource(new StringAsset(testConfig() + extraConfig), "META-INF/microprofile-config.properties");
    }

    /**
     * An "existing application" with Rio dropped in: Rio's libraries of the sample WAR (the {@code rio-jakarta}
     * dependency), none of the sample's classes, and the application of {@code io.rio.sample.it.existing}: its own
     * JAX-RS application under {@code /api}, its own persistence unit {@code shop}, a welcome page at "/", a Rio
     * service using its entities, and a {@code web.xml} that serves Rio's ingress under {@code /rio}.
     */
    static Path exportExistingApplication(String name) {
        WebArchive war = sampleOnH2(name);
        List<org.jboss.shrinkwrap.api.ArchivePath> sample = war.getContent().keySet().stream()
                .filter(p -> p.get().startsWith("/WEB-INF/classes/io/")).toList();
        sample.forEach(war::delete);
        war.delete("/WEB-INF/classes/META-INF/persistence.xml");
        war.addPackage("io.rio.sample.it.existing")
                .setWebXML("it-existing/web.xml")
                .addAsResource("it-existing/persistence.xml", "META-INF/persistence.xml")
                .addAsWebResource("it-existing/index.html", "index.html");
        return export(war, name);
    }

    /**
     * A second application for the same server: the sample plus the tests' step handlers ({@code Steps}), its
     * persistence unit and Rio both on {@code dataSource} (only standard {@code jakarta.persistence} properties, so
     * it runs on Hibernate), from {@code it-second/}.
     */
    static Path exportSecondApplication(String name, String dataSource) {
        WebArchive war = sampleOnH2(name);
        war.delete("/WEB-INF/classes/META-INF/persistence.xml");
        war.addPackage("io.rio.sample.it.app")
                .deleteClass(io.rio.sample.it.app.Ticker.class)
                .deleteClass(io.rio.sample.it.app.AdminSecurity.class)
                .addAsResource(new StringAsset(resource("it-second/persistence.xml").replace("${dataSource}", dataSource)),
                        "META-INF/persistence.xml")
                .addAsResource(new StringAsset("rio.datasource=" + dataSource + "\n"
                        + "rio.retry.initial-interval=50ms\nrio.retry.max-interval=500ms\n"),
                        "META-INF/microprofile-config.properties");
        return export(war, name);
    }

    private static String resource(String path) {
        try (InputStream in = Deployments.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The sample WAR on the server's default data source plus the secured handlers of
     * {@code io.rio.sample.it.secured} (roles, a private handler), HTTP Basic users with their roles, and small
     * limits ({@code it-secured/microprofile-config.properties}).
     */
    static Path exportSecuredSample(String name) {
        WebArchive war = sampleOnH2(name);
        war.delete("/WEB-INF/glassfish-web.xml");
        war.addPackage("io.rio.sample.it.secured")
                .setWebXML("it-secured/web.xml")
                .addAsWebInfResource("it-secured/glassfish-web.xml", "glassfish-web.xml")
                .addAsResource("it-secured/microprofile-config.properties", "META-INF/microprofile-config.properties");
        return export(war, name);
    }

    /**
     * The secured sample of {@link #exportSecuredSample} authenticated by the server's own identity store instead of
     * the test's {@code Users}: {@code security} (or null) declares the HTTP Basic mechanism and the realm, and
     * {@code webXml} the roles (and perhaps the container's own login configuration).
     */
    static Path exportServerRealmSample(String name, Class<?> security, String webXml) {
        WebArchive war = sampleOnH2(name);
        war.delete("/WEB-INF/glassfish-web.xml");
        war.addPackage("io.rio.sample.it.secured").deleteClass(io.rio.sample.it.secured.Users.class)
                .setWebXML(webXml)
                .addAsWebInfResource("it-secured/glassfish-web.xml", "glassfish-web.xml")
                .addAsResource("it-secured/microprofile-config.properties", "META-INF/microprofile-config.properties");
        if (security != null) {
            war.addClass(security);
        }
        return export(war, name);
    }

    /** {@link #sampleOnH2(String)} written to the work directory, for servers the tests start themselves. */
    static Path exportSampleOnH2(String name) {
        return export(sampleOnH2(name), name);
    }

    static Path exportSampleOnPostgres(String name) {
        return export(sampleOnPostgres(name), name);
    }

    /**
     * Like {@link #exportSampleOnPostgres(String)} without the every-second cron job ({@code Ticker}), so that a
     * cluster left alone does nothing at all.
     */
    static Path exportQuietSampleOnPostgres(String name) {
        return export(sampleOnPostgres(name).deleteClass(io.rio.sample.it.app.Ticker.class), name);
    }

    private static Path export(WebArchive war, String name) {
        File file = workDir().resolve(name).toFile();
        war.as(org.jboss.shrinkwrap.api.exporter.ZipExporter.class).exportTo(file, true);
        return file.toPath();
    }

    private static String testConfig() {
        return resource("it-postgres/microprofile-config.properties") + "\n";
    }

    /** {@code target/} of the sample-war module (set by failsafe; falls back to ./target). */
    static Path workDir() {
        return Path.of(System.getProperty("test.work.dir", "target")).toAbsolutePath();
    }

    private static File sampleWar() {
        File war = new File(System.getProperty("sample.war", "target/sample.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("The packaged sample " + war.getAbsolutePath()
                    + " is missing: run the tests with `mvn verify` (failsafe runs after `package`).");
        }
        return war;
    }

    private static File postgresDriverJar() {
        try {
            return new File(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the PostgreSQL driver jar on the test class path", e);
        }
    }
}
