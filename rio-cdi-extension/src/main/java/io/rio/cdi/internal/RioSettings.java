package io.rio.cdi.internal;

import io.rio.api.RetryPolicy;
import io.rio.core.Durations;
import io.rio.core.EngineConfig;
import io.rio.core.Limits;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * Rio's settings, read from MicroProfile Config. Every key starts with {@code rio.}:
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>default</th></tr>
 * <tr><td>rio.datasource</td><td>java:comp/DefaultDataSource</td></tr>
 * <tr><td>rio.node.id</td><td>a random id</td></tr>
 * <tr><td>rio.retry.initial-interval</td><td>100ms</td></tr>
 * <tr><td>rio.retry.factor</td><td>2</td></tr>
 * <tr><td>rio.retry.max-interval</td><td>10s</td></tr>
 * <tr><td>rio.retry.max-attempts</td><td>unbounded</td></tr>
 * <tr><td>rio.retry.on-max-attempts</td><td>pause (or kill)</td></tr>
 * <tr><td>rio.recovery.interval</td><td>2s</td></tr>
 * <tr><td>rio.invocation.retain-completed</td><td>false</td></tr>
 * <tr><td>rio.attach.timeout</td><td>60s</td></tr>
 * <tr><td>rio.max-concurrency</td><td>16</td></tr>
 * <tr><td>rio.retention</td><td>1d</td></tr>
 * <tr><td>rio.max-backlog</td><td>10000</td></tr>
 * <tr><td>rio.batch.lanes</td><td>4 (0: no group commit)</td></tr>
 * <tr><td>rio.batch.size</td><td>32</td></tr>
 * <tr><td>rio.batch.steps</td><td>true</td></tr>
 * <tr><td>rio.state.max-value-bytes</td><td>1048576</td></tr>
 * <tr><td>rio.journal.max-entry-bytes</td><td>1048576</td></tr>
 * <tr><td>rio.signal.max-payload-bytes</td><td>1048576</td></tr>
 * <tr><td>rio.max-key-queue</td><td>1000</td></tr>
 * <tr><td>rio.executor</td><td>java:comp/DefaultManagedExecutorService</td></tr>
 * <tr><td>rio.scheduler</td><td>java:comp/DefaultManagedScheduledExecutorService</td></tr>
 * </table>
 * Durations are written {@code 100ms}, {@code 5s}, {@code 2m} or ISO-8601.
 *
 * @param dataSource    JNDI name of the data source
 * @param executor      JNDI name of the {@code ManagedExecutorService}
 * @param scheduler     JNDI name of the {@code ManagedScheduledExecutorService}
 * @param engine        the engine's settings
 */
public record RioSettings(String dataSource, String executor, String scheduler, EngineConfig engine) {

    private static final String DURATION_FORM = "duration such as 100ms, 5s, 2m, 1h, 1h 30m or ISO-8601 PT5S";

    public static final String DATASOURCE = "rio.datasource";
    public static final String NODE_ID = "rio.node.id";
    public static final String RETRY_INITIAL = "rio.retry.initial-interval";
    public static final String RETRY_FACTOR = "rio.retry.factor";
    public static final String RETRY_MAX_INTERVAL = "rio.retry.max-interval";
    public static final String RETRY_MAX_ATTEMPTS = "rio.retry.max-attempts";
    public static final String RETRY_ON_MAX = "rio.retry.on-max-attempts";
    public static final String RECOVERY_INTERVAL = "rio.recovery.interval";
    public static final String RETAIN_COMPLETED = "rio.invocation.retain-completed";
    public static final String ATTACH_TIMEOUT = "rio.attach.timeout";
    public static final String MAX_CONCURRENCY = "rio.max-concurrency";
    public static final String RETENTION = "rio.retention";
    public static final String MAX_BACKLOG = "rio.max-backlog";
    public static final String BATCH_LANES = "rio.batch.lanes";
    public static final String BATCH_SIZE = "rio.batch.size";
    public static final String BATCH_STEPS = "rio.batch.steps";
    public static final String EXECUTOR = "rio.executor";
    public static final String SCHEDULER = "rio.scheduler";

    /**
     * Reads the settings.
     *
     * @throws IllegalArgumentException naming the key, the value and the expected form of a bad value
     */
    public static RioSettings from(Config config) {
        EngineConfig defaults = EngineConfig.defaults("unused");
        RetryPolicy.Builder retry = defaults.retryPolicy().toBuilder();
        read(config, RETRY_INITIAL, Durations::parse, "a " + DURATION_FORM)
                .ifPresent(d -> apply(RETRY_INITIAL, d, () -> retry.initialInterval(d)));
        read(config, RETRY_FACTOR, Double::parseDouble, "a number >= 1, e.g. 2")
                .ifPresent(f -> apply(RETRY_FACTOR, f, () -> retry.factor(f)));
        read(config, RETRY_MAX_INTERVAL, Durations::parse, "a " + DURATION_FORM)
                .ifPresent(d -> apply(RETRY_MAX_INTERVAL, d, () -> retry.maxInterval(d)));
        read(config, RETRY_MAX_ATTEMPTS, Integer::parseInt, "a whole number >= 1")
                .ifPresent(n -> apply(RETRY_MAX_ATTEMPTS, n, () -> retry.maxAttempts(n)));
        read(config, RETRY_ON_MAX, RioSettings::onMax, "pause or kill").ifPresent(retry::onMaxAttempts);
        String nodeId = config.getOptionalValue(NODE_ID, String.class).map(String::trim).filter(s -> !s.isEmpty())
                .orElseGet(() -> UUID.randomUUID().toString());
        int maxConcurrency = read(config, MAX_CONCURRENCY, Integer::parseInt, "a whole number >= 1")
                .orElse(defaults.maxConcurrency());
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException(DeploymentMessages.badConfig(MAX_CONCURRENCY,
                    String.valueOf(maxConcurrency), "a whole number >= 1"));
        }
        EngineConfig engine = new EngineConfig(nodeId, retry.build(),
                duration(config, RECOVERY_INTERVAL, defaults.recoveryInterval()),
                read(config, RETAIN_COMPLETED, RioSettings::bool, "true or false").orElse(defaults.retainCompleted()),
                duration(config, ATTACH_TIMEOUT, defaults.attachTimeout()),
                maxConcurrency,
                duration(config, RETENTION, defaults.retention()),
                positiveInt(config, MAX_BACKLOG, defaults.maxBacklog()),
                batchLanes(config, defaults.batchLanes()),
                positiveInt(config, BATCH_SIZE, defaults.batchSize()),
                read(config, BATCH_STEPS, RioSettings::bool, "true or false").orElse(defaults.batchSteps()),
                new Limits(positiveInt(config, Limits.STATE_VALUE_KEY, Limits.DEFAULT.stateValueBytes()),
                        positiveInt(config, Limits.JOURNAL_ENTRY_KEY, Limits.DEFAULT.journalEntryBytes()),
                        positiveInt(config, Limits.PAYLOAD_KEY, Limits.DEFAULT.payloadBytes()),
                        positiveInt(config, Limits.KEY_QUEUE_KEY, Limits.DEFAULT.keyQueue())));
        return new RioSettings(
                string(config, DATASOURCE, "java:comp/DefaultDataSource"),
                string(config, EXECUTOR, "java:comp/DefaultManagedExecutorService"),
                string(config, SCHEDULER, "java:comp/DefaultManagedScheduledExecutorService"),
                engine);
    }

    private static int batchLanes(Config config, int fallback) {
        int n = read(config, BATCH_LANES, Integer::parseInt, "a whole number >= 0").orElse(fallback);
        if (n < 0) {
            throw new IllegalArgumentException(DeploymentMessages.badConfig(BATCH_LANES, String.valueOf(n),
                    "a whole number >= 0 (0 turns group commit off)"));
        }
        return n;
    }

    private static int positiveInt(Config config, String key, int fallback) {
        int n = read(config, key, Integer::parseInt, "a whole number >= 1").orElse(fallback);
        if (n < 1) {
            throw new IllegalArgumentException(DeploymentMessages.badConfig(key, String.valueOf(n),
                    "a whole number >= 1"));
        }
        return n;
    }

    private static String string(Config config, String key, String fallback) {
        return config.getOptionalValue(key, String.class).map(String::trim).filter(s -> !s.isEmpty())
                .orElse(fallback);
    }

    private static Duration duration(Config config, String key, Duration fallback) {
        return read(config, key, v -> positive(Durations.parse(v)), "a positive " + DURATION_FORM).orElse(fallback);
    }

    private static Duration positive(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("not positive: " + d);
        }
        return d;
    }

    private static <T> Optional<T> read(Config config, String key, Function<String, T> parser, String expected) {
        Optional<String> raw = config.getOptionalValue(key, String.class).map(String::trim).filter(s -> !s.isEmpty());
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(raw.get()));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("RIO-R002")) {
                throw e;
            }
            throw new IllegalArgumentException(DeploymentMessages.badConfig(key, raw.get(), expected), e);
        }
    }

    private static void apply(String key, Object value, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(DeploymentMessages.badConfig(key, String.valueOf(value),
                    e.getMessage()), e);
        }
    }

    private static RetryPolicy.OnMaxAttempts onMax(String v) {
        return RetryPolicy.OnMaxAttempts.valueOf(v.toUpperCase(Locale.ROOT));
    }

    private static Boolean bool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(v);
        };
    }
}
