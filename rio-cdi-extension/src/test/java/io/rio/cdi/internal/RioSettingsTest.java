package io.rio.cdi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rio.api.RetryPolicy;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class RioSettingsTest {

    private static Config config(Map<String, String> values) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }

    @Test
    void defaults() {
        RioSettings s = RioSettings.from(config(Map.of()));
        assertEquals("java:comp/DefaultDataSource", s.dataSource());
        assertEquals("java:comp/DefaultManagedExecutorService", s.executor());
        assertEquals("java:comp/DefaultManagedScheduledExecutorService", s.scheduler());
        assertEquals(Duration.ofMillis(100), s.engine().retryPolicy().initialInterval());
        assertEquals(Integer.MAX_VALUE, s.engine().retryPolicy().maxAttempts());
        assertEquals(RetryPolicy.OnMaxAttempts.PAUSE, s.engine().retryPolicy().onMaxAttempts());
        assertEquals(Duration.ofSeconds(10), s.engine().recoveryInterval());
        assertFalse(s.engine().retainCompleted());
        assertEquals(Duration.ofSeconds(60), s.engine().attachTimeout());
        assertEquals(16, s.engine().maxConcurrency());
        assertEquals(4, s.engine().batchLanes());
        assertEquals(32, s.engine().batchSize());
        assertTrue(s.engine().batchSteps());
        assertEquals(new io.rio.core.Limits(1 << 20, 1 << 20, 1 << 20, 1000), s.engine().limits());
        assertFalse(s.engine().nodeId().isBlank());
        assertNotEquals(s.engine().nodeId(), RioSettings.from(config(Map.of())).engine().nodeId(), "random node ids");
    }

    @Test
    void everyKey() {
        RioSettings s = RioSettings.from(config(Map.ofEntries(
                Map.entry("rio.datasource", "java:app/jdbc/rio"),
                Map.entry("rio.node.id", "node-a"),
                Map.entry("rio.retry.initial-interval", "250ms"),
                Map.entry("rio.retry.factor", "1.5"),
                Map.entry("rio.retry.max-interval", "PT1M"),
                Map.entry("rio.retry.max-attempts", "5"),
                Map.entry("rio.retry.on-max-attempts", "Kill"),
                Map.entry("rio.recovery.interval", "2m"),
                Map.entry("rio.invocation.retain-completed", "true"),
                Map.entry("rio.attach.timeout", "1h"),
                Map.entry("rio.max-concurrency", "4"),
                Map.entry("rio.batch.lanes", "0"),
                Map.entry("rio.batch.size", "8"),
                Map.entry("rio.batch.steps", "false"),
                Map.entry("rio.state.max-value-bytes", "4096"),
                Map.entry("rio.journal.max-entry-bytes", "8192"),
                Map.entry("rio.signal.max-payload-bytes", "512"),
                Map.entry("rio.max-key-queue", "20"),
                Map.entry("rio.executor", "java:comp/env/exec"),
                Map.entry("rio.scheduler", "java:comp/env/sched"))));
        assertEquals("java:app/jdbc/rio", s.dataSource());
        assertEquals("java:comp/env/exec", s.executor());
        assertEquals("java:comp/env/sched", s.scheduler());
        assertEquals("node-a", s.engine().nodeId());
        RetryPolicy r = s.engine().retryPolicy();
        assertEquals(Duration.ofMillis(250), r.initialInterval());
        assertEquals(1.5, r.factor());
        assertEquals(Duration.ofMinutes(1), r.maxInterval());
        assertEquals(5, r.maxAttempts());
        assertEquals(RetryPolicy.OnMaxAttempts.KILL, r.onMaxAttempts());
        assertEquals(Duration.ofMinutes(2), s.engine().recoveryInterval());
        assertTrue(s.engine().retainCompleted());
        assertEquals(Duration.ofHours(1), s.engine().attachTimeout());
        assertEquals(4, s.engine().maxConcurrency());
        assertEquals(0, s.engine().batchLanes());
        assertEquals(8, s.engine().batchSize());
        assertFalse(s.engine().batchSteps());
        assertEquals(new io.rio.core.Limits(4096, 8192, 512, 20), s.engine().limits());
    }

    @Test
    void badValuesNameTheKeyTheValueAndTheExpectedForm() {
        assertBad("rio.retry.initial-interval", "soon", "a duration such as 100ms");
        assertBad("rio.retry.factor", "0.5", "factor must be >= 1");
        assertBad("rio.retry.max-attempts", "many", "a whole number >= 1");
        assertBad("rio.retry.max-attempts", "0", "maxAttempts must be >= 1");
        assertBad("rio.retry.on-max-attempts", "explode", "pause or kill");
        assertBad("rio.invocation.retain-completed", "yes", "true or false");
        assertBad("rio.max-concurrency", "0", "a whole number >= 1");
        assertBad("rio.recovery.interval", "0s", "a positive duration");
        assertBad("rio.batch.lanes", "-1", "0 turns group commit off");
        assertBad("rio.batch.size", "0", "a whole number >= 1");
        assertBad("rio.batch.steps", "sometimes", "true or false");
        assertBad("rio.state.max-value-bytes", "0", "a whole number >= 1");
        assertBad("rio.max-key-queue", "lots", "a whole number >= 1");
    }

    private static void assertBad(String key, String value, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RioSettings.from(config(Map.of(key, value))), key + "=" + value);
        assertTrue(e.getMessage().startsWith("RIO-R002 The config value " + key + "=" + value + " is invalid"),
                e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
