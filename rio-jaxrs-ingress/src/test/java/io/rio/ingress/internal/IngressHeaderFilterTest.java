package io.rio.ingress.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which Content-Type headers reach JAX-RS, and which the filter answers with Rio's JSON 415. */
class IngressHeaderFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "text/plain", "*/*",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"})
    void mediaTypesGoThrough(String type) {
        assertTrue(IngressHeaderFilter.parses(type), type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "application/", ";;;", "/json", "application/json; charset"})
    void otherTextIsRefused(String type) {
        assertFalse(IngressHeaderFilter.parses(type), type);
    }
}
