package io.rio.hazelcast;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code rio.cluster.*} settings of the Hazelcast membership, read from MicroProfile Config (or, in tests, a
 * {@link Map}).
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>{@code rio.cluster.name}</td><td>{@code rio}</td><td>Hazelcast cluster name; only members with the same
 * name join.</td></tr>
 * <tr><td>{@code rio.cluster.port}</td><td>{@code 5701}</td><td>first member port; auto-increment is on, so several
 * members on one host take the next free ports.</td></tr>
 * <tr><td>{@code rio.cluster.port-count}</td><td>{@code 100}</td><td>how many ports from {@code rio.cluster.port}
 * on are tried for binding.</td></tr>
 * <tr><td>{@code rio.cluster.members}</td><td>(empty)</td><td>comma-separated TCP-IP join list, {@code host} or
 * {@code host:port}; empty: a cluster of one.</td></tr>
 * <tr><td>{@code rio.cluster.interface}</td><td>{@code 127.0.0.1}</td><td>IP address to bind to and publish
 * (Hazelcast's interface and public address; no bind to any).</td></tr>
 * <tr><td>{@code rio.cluster.instance}</td><td>(none)</td><td>JNDI name of an existing {@code HazelcastInstance}
 * to use instead of starting one; Rio then never shuts it down.</td></tr>
 * <tr><td>{@code rio.cluster.ingress-url}</td><td>(none)</td><td>this member's ingress base URL (a {@code /} is
 * appended when missing), published to the other members.</td></tr>
 * <tr><td>{@code rio.cluster.failure-timeout}</td><td>{@code 8s}</td><td>a crashed or frozen member is removed
 * within about this long: heartbeats every second, suspected after this minus one second without one
 * ({@code hazelcast.max.no.heartbeat.seconds}); {@code 8s}, {@code 8000ms}, {@code 8} (seconds) or ISO
 * {@code PT8S}; at least 3 s.</td></tr>
 * <tr><td>{@code rio.cluster.shutdown-timeout}</td><td>{@code 30s}</td><td>how long a graceful shutdown waits
 * for this member's partitions to migrate away.</td></tr>
 * <tr><td>{@code rio.cluster.min-members}</td><td>{@code 1}</td><td>fewest members (this one included) this member
 * must see to take part: below it {@code ready()} is false, and {@code localPartitions()} and {@code ownerOf()} are
 * empty, so a member cut off from the others (a split, or thawed after a freeze longer than the failure timeout)
 * takes no partitions in the database until it is merged back; a whole number, at least 1. Recommended: a majority
 * of the cluster's size, for example {@code 2} of 3 (a minority side then stands still; with {@code 1} a lone member
 * takes every partition and fences the others off until the merge).</td></tr>
 * </table>
 *
 * <p>Error handling: {@link #from(Function)} throws {@link IllegalStateException} naming the key of a value that
 * does not parse.
 *
 * @param clusterName     {@code rio.cluster.name}
 * @param port            {@code rio.cluster.port}
 * @param portCount       {@code rio.cluster.port-count}
 * @param members         {@code rio.cluster.members}, split and trimmed
 * @param bindAddress     {@code rio.cluster.interface}
 * @param instanceJndi    {@code rio.cluster.instance}; null when Rio starts its own member
 * @param ingressUrl      {@code rio.cluster.ingress-url}, ending in {@code /}; null when unknown
 * @param failureTimeout  {@code rio.cluster.failure-timeout}
 * @param shutdownTimeout {@code rio.cluster.shutdown-timeout}
 * @param minMembers      {@code rio.cluster.min-members}
 */
public record ClusterSettings(String clusterName, int port, int portCount, List<String> members,
                              String bindAddress, String instanceJndi, String ingressUrl,
                              Duration failureTimeout, Duration shutdownTimeout, int minMembers) {

    /** Key prefix of every setting. */
    public static final String PREFIX = "rio.cluster.";

    static final String NAME = PREFIX + "name";
    static final String PORT = PREFIX + "port";
    static final String PORT_COUNT = PREFIX + "port-count";
    static final String MEMBERS = PREFIX + "members";
    static final String INTERFACE = PREFIX + "interface";
    static final String INSTANCE = PREFIX + "instance";
    static final String INGRESS_URL = PREFIX + "ingress-url";
    static final String FAILURE_TIMEOUT = PREFIX + "failure-timeout";
    static final String SHUTDOWN_TIMEOUT = PREFIX + "shutdown-timeout";
    static final String MIN_MEMBERS = PREFIX + "min-members";

    private static final Duration MIN_FAILURE_TIMEOUT = Duration.ofSeconds(3);

    public ClusterSettings {
        members = List.copyOf(members);
        if (minMembers < 1) {
            throw new IllegalArgumentException("minMembers must be at least 1: " + minMembers);
        }
    }

    /** The settings of {@code values}; a missing key takes its default. */
    public static ClusterSettings from(Map<String, String> values) {
        return from(key -> Optional.ofNullable(values.get(key)));
    }

    /**
     * The settings read through {@code lookup} (for example {@code key -> config.getOptionalValue(key,
     * String.class)}); a missing or blank value takes its default.
     *
     * @throws IllegalStateException naming the key whose value is invalid
     */
    public static ClusterSettings from(Function<String, Optional<String>> lookup) {
        Function<String, Optional<String>> get = key -> lookup.apply(key).map(String::trim).filter(s -> !s.isEmpty());
        int port = integer(get, PORT, 5701, 1, 65535);
        int portCount = integer(get, PORT_COUNT, 100, 1, 65535);
        List<String> members = get.apply(MEMBERS)
                .map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(m -> !m.isEmpty()).toList())
                .orElse(List.of());
        Duration failure = duration(get, FAILURE_TIMEOUT, Duration.ofSeconds(8));
        if (failure.compareTo(MIN_FAILURE_TIMEOUT) < 0) {
            throw invalid(FAILURE_TIMEOUT, get.apply(FAILURE_TIMEOUT).orElse(""), "at least 3s");
        }
        Duration shutdown = duration(get, SHUTDOWN_TIMEOUT, Duration.ofSeconds(30));
        String url = get.apply(INGRESS_URL).map(ClusterSettings::withSlash).orElse(null);
        int minMembers = integer(get, MIN_MEMBERS, 1, 1, Integer.MAX_VALUE);
        return new ClusterSettings(get.apply(NAME).orElse("rio"), port, portCount, members,
                get.apply(INTERFACE).orElse("127.0.0.1"), get.apply(INSTANCE).orElse(null), url, failure, shutdown,
                minMembers);
    }

    /** {@code url} ending in {@code /}. */
    static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    private static int integer(Function<String, Optional<String>> get, String key, int fallback, int min, int max) {
        Optional<String> value = get.apply(key);
        if (value.isEmpty()) {
            return fallback;
        }
        String expected = max == Integer.MAX_VALUE ? "a whole number of at least " + min
                : "an integer from " + min + " to " + max;
        try {
            int n = Integer.parseInt(value.get());
            if (n < min || n > max) {
                throw invalid(key, value.get(), expected);
            }
            return n;
        } catch (NumberFormatException e) {
            throw invalid(key, value.get(), expected);
        }
    }

    private static Duration duration(Function<String, Optional<String>> get, String key, Duration fallback) {
        Optional<String> value = get.apply(key);
        if (value.isEmpty()) {
            return fallback;
        }
        String s = value.get().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (s.startsWith("pt")) {
                d = Duration.parse(s);
            } else if (s.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
            } else if (s.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1).trim()));
            } else {
                d = Duration.ofSeconds(Long.parseLong(s));
            }
            if (d.isNegative()) {
                throw invalid(key, value.get(), "a positive duration such as 8s");
            }
            return d;
        } catch (NumberFormatException | DateTimeParseException e) {
            throw invalid(key, value.get(), "a duration such as 8s, 8000ms or PT8S");
        }
    }

    private static IllegalStateException invalid(String key, String value, String expected) {
        return new IllegalStateException("Invalid " + key + " '" + value + "': expected " + expected);
    }
}
