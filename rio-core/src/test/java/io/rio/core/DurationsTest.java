package io.rio.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "500ms, 500",
        "10s, 10000",
        "5m, 300000",
        "1h, 3600000",
        "2d, 172800000",
        "1h30m, 5400000",
        "'1h 30m', 5400000",
        "' 10S ', 10000",
        "0s, 0",
        "PT10S, 10000",
        "pt1m, 60000",
        "PT0.5S, 500"
    })
    void parsesHumanAndIsoDurations(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\u0000", " \u0001 ", "10", "soon", "10x", "s", "-5s", "PT-5S", "-PT5S",
        "10s garbage", "P"})
    void rejectsOtherTextNamingItAndTheAcceptedForms(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'") && e.getMessage().contains("PT10S"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999d", "36501d", "99999999999999999999s", "1000000h",
        "PT2562047788015215H", "P36501D", "9223372036854775807ms", "36500d 1ms"})
    void rejectsDurationsLongerThanAHundredYearsInsteadOfOverflowing(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"36500d", "P36500D"})
    void acceptsAHundredYears(String text) {
        assertEquals(Durations.MAX, Durations.parse(text));
    }
}
