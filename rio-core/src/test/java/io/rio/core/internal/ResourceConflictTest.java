package io.rio.core.internal;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResourceConflictTest {

    @Test
    void aSecondNonXaResourceOnPayaraOrWildFlyIsNamedWithTheFix() {
        String payara = ResourceConflict.describe("insert", new RuntimeException("wrapped", new IllegalStateException(
                "Local transaction already has 1 non-XA Resource: cannot add more resources.")));
        assertTrue(payara.contains("Step 'insert'") && payara.contains("rio.datasource"), payara);
        String wildfly = ResourceConflict.describe("insert", new RuntimeException(
                "ARJUNA012140: Adding multiple last resources is disallowed."));
        assertTrue(wildfly.contains("ARJUNA012140"), wildfly);
    }

    @Test
    void otherFailuresAreLeftToTheRetryPolicy() {
        assertNull(ResourceConflict.describe("x", new IllegalStateException("connection refused")));
        assertNull(ResourceConflict.describe("x", new RuntimeException((String) null)));
    }
}
