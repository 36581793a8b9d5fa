package io.rio.cdi;

import static io.rio.cdi.testing.Assertions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.enterprise.inject.spi.DeploymentException;
import org.junit.jupiter.api.Test;

/** The container-free part of {@link RioRuntime}: a missing data source fails the deployment clearly. */
class RioRuntimeDataSourceTest {

    @Test
    void aMissingDataSourceNamesTheKeyAndTheJndiName() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> RioRuntime.dataSource("java:app/jdbc/missing"));
        assertMentions(e.getMessage(), "RIO-R001", "'java:app/jdbc/missing'", "config key rio.datasource",
                "Fix: define a data source with that JNDI name");
    }
}
