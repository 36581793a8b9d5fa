package io.rio.ingress.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FlagsTest {
    @Test
    void onOffSettingsAreTrueOrFalseAndOnWhenAbsent() {
        assertTrue(Flags.enabled("rio.openapi.enabled", null));
        assertTrue(Flags.enabled("rio.openapi.enabled", " TRUE "));
        assertFalse(Flags.enabled("rio.openapi.enabled", "false"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Flags.enabled("rio.openapi.enabled", "yes"));
        assertEquals("Invalid rio.openapi.enabled 'yes': use true or false", e.getMessage());
    }
}
