package io.rio.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void shortForms() {
        assertEquals(Duration.ofMillis(100), Durations.parse("k", "100ms"));
        assertEquals(Duration.ofSeconds(5), Durations.parse("k", "5s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("k", " 2m "));
        assertEquals(Duration.ofHours(3), Durations.parse("k", "3h"));
        assertEquals(Duration.ofDays(1), Durations.parse("k", "1d"));
        assertEquals(Duration.ofSeconds(5), Durations.parse("k", "5S"));
    }

    @Test
    void iso8601() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("k", "PT1M30S"));
        assertEquals(Duration.ofMillis(500), Durations.parse("k", "pt0.5s"));
    }

    @Test
    void rejectsOtherText() {
        for (String bad : new String[] {"5", "5 sec", "-1s", "1.5s", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Durations.parse("rio.attach.timeout", bad), bad);
            assertTrue(e.getMessage().contains("rio.attach.timeout=" + bad), e.getMessage());
        }
    }
}
