package io.rio.sample.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.URISyntaxException;
import java.nio.file.Path;
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

    /** Writes the PostgreSQL deployment to {@code target/<name>} for the process harness. */
    static Path exportSampleOnPostgres(String name) {
        File file = workDir().resolve(name).toFile();
        sampleOnPostgres(name).as(org.jboss.shrinkwrap.api.exporter.ZipExporter.class).exportTo(file, true);
        return file.toPath();
    }

    private static String testConfig() {
        try (InputStream in = Deployments.class.getResourceAsStream("/it-postgres/microprofile-config.properties")) {
            if (in == null) {
                throw new IllegalStateException("it-postgres/microprofile-config.properties is missing from the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
