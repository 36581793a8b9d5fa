package io.rio.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PersistenceUnitsTest {

    @Test
    void jtaUnitsWithTheirDataSourcesTheDefaultWhereNoneIsNamed() throws Exception {
        String xml = """
                <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
                  <persistence-unit name="orders" transaction-type="JTA">
                    <jta-data-source>jdbc/orders</jta-data-source>
                  </persistence-unit>
                  <persistence-unit name="plain"/>
                  <persistence-unit name="local" transaction-type="RESOURCE_LOCAL">
                    <non-jta-data-source>jdbc/x</non-jta-data-source>
                  </persistence-unit>
                </persistence>""";
        List<PersistenceUnits.Unit> units = PersistenceUnits.parse(
                new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test.xml");
        assertEquals(List.of(new PersistenceUnits.Unit("orders", "jdbc/orders", "test.xml"),
                new PersistenceUnits.Unit("plain", PersistenceUnits.DEFAULT_DATA_SOURCE, "test.xml")), units);
    }

    @Test
    void namesThatDifferOnlyByTheirJavaNamespaceAreTheSame() {
        assertTrue(PersistenceUnits.sameName("java:global/jdbc/rio", "jdbc/rio"));
        assertTrue(PersistenceUnits.sameName("java:comp/DefaultDataSource", "java:comp/DefaultDataSource"));
        assertFalse(PersistenceUnits.sameName("java:comp/DefaultDataSource", "jdbc/rio"));
    }

    @Test
    void aClassLoaderWithoutDescriptorsHasNoUnits() {
        assertEquals(List.of(), PersistenceUnits.jtaUnits(new ClassLoader(null) { }));
    }
}
