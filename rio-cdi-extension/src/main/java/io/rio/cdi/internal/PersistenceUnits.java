package io.rio.cdi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The application's own persistence units, read from the {@code META-INF/persistence.xml} files its class loader
 * sees, so that Rio can say at deployment when a unit writes to another data source than Rio's journal: a step
 * that writes through such a unit enlists two resources in one transaction, which two non-XA data sources cannot
 * do (Payara refuses the second, WildFly refuses a second last resource).
 *
 * <p>Only JTA units count (the default in a server); a unit without {@code jta-data-source} uses the server's
 * default data source, {@value #DEFAULT_DATA_SOURCE}.
 */
public final class PersistenceUnits {
    /** The server's default data source, which a JTA unit without {@code jta-data-source} uses. */
    public static final String DEFAULT_DATA_SOURCE = "java:comp/DefaultDataSource";

    /** A JTA persistence unit of the application, the file it is declared in and its data source's JNDI name. */
    public record Unit(String name, String dataSource, String declaredIn) {
    }

    private PersistenceUnits() {
    }

    /** The JTA units declared in every {@code META-INF/persistence.xml} that {@code loader} sees; unreadable files are skipped. */
    public static List<Unit> jtaUnits(ClassLoader loader) {
        List<Unit> units = new ArrayList<>();
        try {
            Enumeration<URL> files = loader.getResources("META-INF/persistence.xml");
            while (files.hasMoreElements()) {
                URL file = files.nextElement();
                try (InputStream in = file.openStream()) {
                    units.addAll(parse(in, file.toString()));
                } catch (IOException | SAXException | ParserConfigurationException e) {
                    // not Rio's to judge: the server reports a broken descriptor itself
                }
            }
        } catch (IOException e) {
            return units;
        }
        return units;
    }

    static List<Unit> parse(InputStream in, String declaredIn)
            throws IOException, SAXException, ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        Document doc = builder.parse(in);
        NodeList nodes = doc.getElementsByTagNameNS("*", "persistence-unit");
        List<Unit> units = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element unit = (Element) nodes.item(i);
            String type = unit.getAttribute("transaction-type");
            if (!type.isEmpty() && !"JTA".equals(type)) {
                continue;
            }
            String dataSource = text(unit, "jta-data-source");
            units.add(new Unit(unit.getAttribute("name"), dataSource == null ? DEFAULT_DATA_SOURCE : dataSource,
                    declaredIn));
        }
        return units;
    }

    /**
     * Whether two JNDI names name the same data source as far as names tell: equal, or equal once the
     * {@code java:comp/env/}, {@code java:app/}, {@code java:module/} and {@code java:global/} prefixes are dropped.
     */
    public static boolean sameName(String a, String b) {
        return Objects.equals(a, b) || Objects.equals(strip(a), strip(b));
    }

    private static String strip(String name) {
        if (name == null) {
            return null;
        }
        for (String prefix : List.of("java:comp/env/", "java:app/", "java:module/", "java:global/")) {
            if (name.startsWith(prefix)) {
                return name.substring(prefix.length());
            }
        }
        return name;
    }

    private static String text(Element parent, String child) {
        NodeList found = parent.getElementsByTagNameNS("*", child);
        if (found.getLength() == 0) {
            return null;
        }
        String value = found.item(0).getTextContent();
        return value == null || value.isBlank() ? null : value.trim();
    }
}
