package io.terrarium.infrastructure.metrics;

import io.terrarium.domain.model.build.BuildStatus;
import io.terrarium.infrastructure.store.StoreLayout;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * Registers the gauges {@code /metrics} reads when scraped: conda-store's disk, build-per-status and environment
 * counts under conda-store's names, plus the build queue depth and the live workers. The database counts are read
 * once per scrape (at most every few seconds) under a deadline; when they cannot be read (the database is down) they
 * are NaN, so a scrape neither fails nor waits for the connection pool.
 */
@ApplicationScoped
public class OperationsGauges {

    private static final Logger LOG = Logger.getLogger(OperationsGauges.class.getName());
    /** A scrape reuses counts read this recently (one scrape reads every gauge). */
    private static final Duration FRESH = Duration.ofSeconds(2);

    private static final Duration DEADLINE = Duration.ofSeconds(2);

    @Inject
    MetricRegistry registry;

    @Inject
    StoreLayout layout;

    /**
     * Looked up when a scrape reads the counts, not injected: Open Liberty fires {@code @Initialized(ApplicationScoped)}
     * (when the gauges are registered) before it has bound the EJB module's beans, and an {@code @EJB} field then
     * fails the whole bean ("EJB ... not present in application").
     */
    @Inject
    Instance<OperationsQueries> queries;

    @Resource
    ManagedThreadFactory threads;

    /**
     * The one thread that reads the counts, started with the application so that it runs in the application's
     * context. A scrape arrives on the runtime's {@code /metrics} thread, whose context is not the application's:
     * under a url_prefix (a context root other than {@code /}) it is Payara's disabled default web module, where a
     * managed executor refuses the task ("Module __default-web-module is disabled").
     */
    private ExecutorService reader;

    private Counts counts;
    private long countsReadAt = System.nanoTime() - FRESH.toNanos() - 1;

    /** The database counts of one scrape. */
    private record Counts(Map<BuildStatus, Long> builds, long environments, long workersAlive) {}

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // a queue of one: while the database hangs, scrapes do not pile up reads behind the stuck one
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1), threads);
        pool.prestartAllCoreThreads();
        reader = pool;
        gauge("conda_store_disk_free", "free bytes on the store's file system", () -> disk().getUsableSpace());
        gauge("conda_store_disk_total", "size in bytes of the store's file system", () -> disk().getTotalSpace());
        gauge(
                "conda_store_disk_usage",
                "used bytes on the store's file system",
                () -> disk().getTotalSpace() - disk().getUnallocatedSpace());
        for (BuildStatus status : BuildStatus.values()) {
            gauge(
                    "conda_store_build_" + status.name().toLowerCase(Locale.ROOT),
                    "builds in status " + status,
                    () -> counts().builds().get(status));
        }
        gauge("conda_store_environments", "environments not deleted", () -> counts().environments());
        gauge(
                "terrarium_build_queue_depth",
                "builds waiting for a worker (QUEUED)",
                () -> counts().builds().get(BuildStatus.QUEUED));
        gauge("terrarium_workers_alive", "workers whose lease is live", () -> counts().workersAlive());
    }

    private synchronized Counts counts() throws Exception {
        long now = System.nanoTime();
        if (now - countsReadAt > FRESH.toNanos()) {
            counts = null;
            OperationsQueries q = queries.get();
            Future<Counts> read = null;
            try {
                read = reader.submit(() -> new Counts(q.buildsByStatus(), q.environments(), q.workersAlive()));
                counts = read.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                read.cancel(true);
            } catch (RejectedExecutionException e) {
                // the previous read still hangs on the database: this scrape's counts are unavailable too
            } finally {
                // a failed read also counts: the scrape's other gauges do not wait for the database again
                countsReadAt = System.nanoTime();
            }
        }
        if (counts == null) {
            throw new IllegalStateException("database counts unavailable");
        }
        return counts;
    }

    @PreDestroy
    void stop() {
        if (reader != null) {
            reader.shutdownNow();
        }
    }

    private FileStore disk() throws IOException {
        return Files.getFileStore(layout.settings().storeDirectory());
    }

    private void gauge(String name, String description, ValueSource source) {
        Supplier<Double> value = () -> {
            try {
                return source.read().doubleValue();
            } catch (Exception e) {
                LOG.log(Level.FINE, "metric " + name + " unavailable", e);
                return Double.NaN;
            }
        };
        registry.gauge(
                Metadata.builder()
                        .withName(name)
                        .withDescription(description)
                        .withUnit(MetricUnits.NONE)
                        .build(),
                value);
    }

    /** A gauge's value, which may fail (the database or the store is unreachable). */
    @FunctionalInterface
    private interface ValueSource {
        Number read() throws Exception;
    }
}
