package io.rio.sample.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * N Payara Micro nodes on 127.0.0.1 forming one Rio cluster: each gets a free HTTP port and a free cluster
 * (Hazelcast) port, and every node knows every node's cluster port ({@code rio.cluster.members}). The nodes are
 * named {@code <prefix>-a}, {@code <prefix>-b}, ... which is also their {@code rio.node.id}; each cluster has a
 * cluster name of its own ({@code rio.cluster.name}) so clusters of parallel tests never merge.
 *
 * <p>System properties per node: {@code rio.node.id}, {@code rio.cluster.name}, {@code rio.cluster.port} (with
 * {@code rio.cluster.port-count=1}, so a restarted node binds the same port or fails), {@code rio.cluster.members},
 * {@code rio.cluster.ingress-url} ({@code http://127.0.0.1:<http port>/}), plus the caller's extra properties.
 *
 * <p>Error handling: when a node does not start, the nodes already started are stopped and the failure is
 * rethrown. {@link #close()} stops every node this cluster started (also replaced ones), never throws for one
 * node's failure before trying the others. Thread safety: one test thread at a time.
 */
final class Cluster implements AutoCloseable {

    private final String clusterName;
    private final List<PayaraMicroProcess> nodes;
    private final List<PayaraMicroProcess> everStarted = new ArrayList<>();

    private Cluster(String clusterName, List<PayaraMicroProcess> nodes) {
        this.clusterName = clusterName;
        this.nodes = nodes;
        everStarted.addAll(nodes);
    }

    /** Starts {@code size} nodes of {@code war} named {@code <prefix>-a}, {@code <prefix>-b}, ... (in parallel). */
    static Cluster start(String prefix, int size, Path war) {
        return start(prefix, size, war, Map.of());
    }

    /**
     * Like {@link #start(String, int, Path)}, with {@code extraProperties} added to every node's system properties
     * (they may override the cluster's, for example {@code rio.cluster.failure-timeout}).
     */
    static Cluster start(String prefix, int size, Path war, Map<String, String> extraProperties) {
        if (size < 1 || size > 26) {
            throw new IllegalArgumentException("size " + size);
        }
        String clusterName = "rio-it-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<Integer> ports = distinctFreePorts(2 * size);
        List<Integer> httpPorts = ports.subList(0, size);
        List<Integer> clusterPorts = ports.subList(size, 2 * size);
        String members = clusterPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));

        ExecutorService starter = Executors.newFixedThreadPool(size);
        List<Future<PayaraMicroProcess>> futures = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String name = prefix + "-" + (char) ('a' + i);
            Map<String, String> props = new LinkedHashMap<>();
            props.put("rio.node.id", name);
            props.put("rio.cluster.name", clusterName);
            props.put("rio.cluster.port", String.valueOf(clusterPorts.get(i)));
            props.put("rio.cluster.port-count", "1");
            props.put("rio.cluster.members", members);
            props.put("rio.cluster.ingress-url", "http://127.0.0.1:" + httpPorts.get(i) + "/");
            props.putAll(extraProperties);
            int httpPort = httpPorts.get(i);
            futures.add(starter.submit(() -> PayaraMicroProcess.start(name, war, httpPort, props)));
        }
        starter.shutdown();
        List<PayaraMicroProcess> started = new ArrayList<>();
        RuntimeException failure = null;
        for (Future<PayaraMicroProcess> f : futures) {
            try {
                started.add(f.get());
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                        : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted", e);
                futures.forEach(x -> x.cancel(true));
            }
        }
        if (failure != null) {
            // a node whose start failed or was cancelled stops its own JVM (PayaraMicroProcess.start)
            started.forEach(PayaraMicroProcess::close);
            throw failure;
        }
        return new Cluster(clusterName, started);
    }

    /** The Hazelcast cluster name of these nodes. */
    String clusterName() {
        return clusterName;
    }

    /** The current nodes, in start order. */
    List<PayaraMicroProcess> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    /** The {@code i}-th node (0 is {@code <prefix>-a}). */
    PayaraMicroProcess node(int i) {
        return nodes.get(i);
    }

    /** The node named {@code name}. */
    PayaraMicroProcess node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + name + " in " + names()));
    }

    /**
     * Restarts the node named {@code name} on the same ports and root directory ({@link PayaraMicroProcess#restart()}),
     * replacing it in {@link #nodes()}.
     */
    PayaraMicroProcess restart(String name) {
        PayaraMicroProcess old = node(name);
        PayaraMicroProcess fresh = old.restart();
        nodes.set(nodes.indexOf(old), fresh);
        everStarted.add(fresh);
        return fresh;
    }

    /** Stops every node this cluster started; a node's failure to stop does not keep the others running. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (PayaraMicroProcess n : everStarted) {
            try {
                n.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private List<String> names() {
        return nodes.stream().map(PayaraMicroProcess::name).toList();
    }

    private static List<Integer> distinctFreePorts(int count) {
        Set<Integer> ports = new HashSet<>();
        List<Integer> ordered = new ArrayList<>();
        while (ordered.size() < count) {
            int p = PayaraMicroProcess.freePort();
            if (ports.add(p)) {
                ordered.add(p);
            }
        }
        return ordered;
    }
}
