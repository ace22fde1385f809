package io.terrarium.infrastructure.metrics;

import io.terrarium.domain.model.build.BuildStatus;
import io.terrarium.infrastructure.store.StoreLayout;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * Registers the gauges {@code /metrics} reads when scraped: conda-store's disk, build-per-status and environment
 * counts under conda-store's names, plus the build queue depth and the live workers. A value that cannot be read
 * (the database is down) is NaN rather than a failed scrape.
 */
@ApplicationScoped
public class OperationsGauges {

    private static final Logger LOG = Logger.getLogger(OperationsGauges.class.getName());

    @Inject
    MetricRegistry registry;

    @Inject
    StoreLayout layout;

    @EJB
    OperationsQueries queries;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        gauge("conda_store_disk_free", "free bytes on the store's file system", () -> disk().getUsableSpace());
        gauge("conda_store_disk_total", "size in bytes of the store's file system", () -> disk().getTotalSpace());
        gauge("conda_store_disk_usage", "used bytes on the store's file system",
                () -> disk().getTotalSpace() - disk().getUnallocatedSpace());
        for (BuildStatus status : BuildStatus.values()) {
            gauge("conda_store_build_" + status.name().toLowerCase(Locale.ROOT), "builds in status " + status,
                    () -> queries.buildsByStatus().get(status));
        }
        gauge("conda_store_environments", "environments not deleted", () -> queries.environments());
        gauge("terrarium_build_queue_depth", "builds waiting for a worker (QUEUED)",
                () -> queries.buildsByStatus().get(BuildStatus.QUEUED));
        gauge("terrarium_workers_alive", "workers whose lease is live", () -> queries.workersAlive());
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
        registry.gauge(Metadata.builder().withName(name).withDescription(description).withUnit(MetricUnits.NONE)
                .build(), value);
    }

    /** A gauge's value, which may fail (the database or the store is unreachable). */
    @FunctionalInterface
    private interface ValueSource {
        Number read() throws Exception;
    }
}
