package io.rio.core;

import io.rio.api.RetryPolicy;
import io.rio.core.model.HandlerDefinition;
import io.rio.core.model.HandlerInvoker;
import io.rio.core.model.HandlerKind;
import io.rio.core.model.ServiceDefinition;
import io.rio.core.model.ServiceKind;
import io.rio.core.model.ServiceRegistry;
import io.rio.core.testing.InMemoryStore;
import io.rio.core.testing.InMemoryTransactions;
import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Builds engines over one shared in-memory store; each engine is a "node". */
final class EngineFixture implements AutoCloseable {
    final InMemoryTransactions transactions = new InMemoryTransactions();
    final InMemoryStore store = new InMemoryStore(transactions);
    /** The store the engines built next use: {@link #store}, or a wrapper of it a test installs. */
    io.rio.spi.RioStore storeSeenByEngines = store;
    final TestSerde serde = new TestSerde();
    /** The membership of the engines built here: each new engine takes every partition. */
    final TestCluster cluster = new TestCluster();
    /** The limits of the engines built next. */
    Limits limits = Limits.DEFAULT;
    private final Map<String, ServiceDefinition> services = new LinkedHashMap<>();
    private final List<ExecutorService> pools = new ArrayList<>();
    private final List<RioEngine> engines = new ArrayList<>();

    EngineFixture handler(String service, ServiceKind serviceKind, String name, HandlerKind kind, Type in, Type out,
            HandlerInvoker invoker) {
        return handler(service, serviceKind, Object.class, name, kind, in, out, invoker, null);
    }

    EngineFixture handler(String service, ServiceKind serviceKind, Class<?> bean, String name, HandlerKind kind,
            Type in, Type out, HandlerInvoker invoker, String cron) {
        HandlerDefinition h = new HandlerDefinition(service, name, kind, in, out, invoker, service + "#" + name, name,
                cron);
        ServiceDefinition old = services.get(service);
        Map<String, HandlerDefinition> handlers = new LinkedHashMap<>();
        if (old != null) {
            handlers.putAll(old.handlers());
        }
        handlers.put(name, h);
        services.put(service, new ServiceDefinition(service, serviceKind, bean, handlers));
        return this;
    }

    RioEngine engine(String node) {
        return engine(node, RetryPolicy.builder().initialInterval(Duration.ofMillis(5)).maxInterval(Duration.ofMillis(20))
                .build(), Duration.ofSeconds(30));
    }

    RioEngine engine(String node, RetryPolicy policy, Duration lease) {
        return engine(node, policy, lease, 16, EngineConfig.DEFAULT_MAX_BACKLOG);
    }

    RioEngine engine(String node, RetryPolicy policy, Duration lease, int maxConcurrency, int maxBacklog) {
        return engine(node, policy, lease, maxConcurrency, maxBacklog, EngineConfig.DEFAULT_BATCH_LANES,
                EngineConfig.DEFAULT_BATCH_SIZE);
    }

    /** An engine with its own group commit settings ({@code lanes} 0: every attempt alone). */
    RioEngine engine(String node, int lanes, int batchSize) {
        return engine(node, RetryPolicy.builder().initialInterval(Duration.ofMillis(5)).maxInterval(Duration.ofMillis(20))
                .build(), Duration.ofSeconds(30), 16, EngineConfig.DEFAULT_MAX_BACKLOG, lanes, batchSize);
    }

    RioEngine engine(String node, RetryPolicy policy, Duration lease, int maxConcurrency, int maxBacklog, int lanes,
            int batchSize) {
        return engine(node, policy, lease, maxConcurrency, maxBacklog, lanes, batchSize, true);
    }

    /** An engine whose steps share commits ({@code batchSteps}) or not. */
    RioEngine engine(String node, int lanes, int batchSize, boolean batchSteps) {
        return engine(node, RetryPolicy.builder().initialInterval(Duration.ofMillis(5)).maxInterval(Duration.ofMillis(20))
                .build(), Duration.ofSeconds(30), 16, EngineConfig.DEFAULT_MAX_BACKLOG, lanes, batchSize, batchSteps);
    }

    RioEngine engine(String node, RetryPolicy policy, Duration lease, int maxConcurrency, int maxBacklog, int lanes,
            int batchSize, boolean batchSteps) {
        ExecutorService executor = Executors.newFixedThreadPool(16);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        pools.add(executor);
        pools.add(scheduler);
        EngineConfig config = new EngineConfig(node, policy, Duration.ofMillis(100), false,
                Duration.ofSeconds(10), maxConcurrency, Duration.ofDays(1), maxBacklog, lanes, batchSize, batchSteps, limits);
        RioEngine engine = new RioEngine(new ServiceRegistry(services.values()), storeSeenByEngines, store,
                cluster.join(node), transactions, serde, executor, scheduler, Clock.systemUTC(), config);
        engines.add(engine);
        engine.start(); // takes every partition: an engine built later takes them over
        if (!engine.cluster().awaitReady(Duration.ofSeconds(10))) {
            throw new IllegalStateException("engine " + node + " took no partitions");
        }
        return engine;
    }

    /** Kills a node's threads (its scheduled timers and running attempts), as a crash would. */
    void shutdownPools(RioEngine engine) {
        int i = engines.indexOf(engine);
        engine.close();
        engine.cluster().membership().close();
        pools.get(2 * i).shutdownNow();
        pools.get(2 * i + 1).shutdownNow();
    }

    /** Gives every partition to {@code engine} and waits until it holds them and the others hold none. */
    void moveAllTo(RioEngine engine) throws InterruptedException {
        cluster.assign(java.util.stream.IntStream.range(0, io.rio.spi.Membership.PARTITIONS).boxed()
                .collect(java.util.stream.Collectors.toSet()), engine.cluster().membership().self().nodeId());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(engine.cluster().ready() && engines.stream().filter(e -> e != engine)
                .allMatch(e -> e.cluster().heldPartitions().isEmpty()))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("partitions did not move to " + engine.cluster().membership().self());
            }
            Thread.sleep(5);
        }
    }

    HandlerDefinition target(RioEngine engine, String service, String handler) {
        return engine.registry().service(service).orElseThrow().handler(handler).orElseThrow();
    }

    @Override
    public void close() throws InterruptedException {
        engines.forEach(RioEngine::close);
        for (ExecutorService pool : pools) {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
