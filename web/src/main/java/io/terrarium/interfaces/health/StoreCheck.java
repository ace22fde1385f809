package io.terrarium.interfaces.health;

import io.terrarium.application.settings.SettingKey;
import io.terrarium.application.settings.SettingsService;
import io.terrarium.infrastructure.store.StoreLayout;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the store directory takes a new file, and its file system has more free bytes than the global
 * {@code storage_threshold} setting (conda-store refuses new builds below it).
 */
@Readiness
@ApplicationScoped
public class StoreCheck implements HealthCheck {

    /** conda-store's default {@code storage_threshold}, used when the database cannot be read. */
    private static final long DEFAULT_THRESHOLD = 5L * 1024 * 1024 * 1024;

    private static final Duration THRESHOLD_READ = Duration.ofSeconds(1);

    private volatile long lastThreshold = DEFAULT_THRESHOLD;

    @Inject
    StoreLayout layout;

    @EJB
    SettingsService settings;

    @Inject
    Probe probe;

    @Override
    public HealthCheckResponse call() {
        return probe.check("store", response -> {
            Path store = layout.settings().storeDirectory();
            response.withData("directory", store.toString());
            Path probeFile = Files.createTempFile(store, ".health-", ".tmp");
            Files.delete(probeFile);
            long free = Files.getFileStore(store).getUsableSpace();
            long threshold = threshold();
            response.withData("writable", true).withData("free_bytes", free).withData("storage_threshold", threshold);
            return free > threshold;
        });
    }

    /**
     * The global setting, or, when the database does not answer within a second (the database check reports that),
     * the last value read, else conda-store's default: the disk check does not fail with the database.
     */
    private long threshold() {
        Long read = probe.within(
                THRESHOLD_READ, () -> settings.effective(null, null).number(SettingKey.STORAGE_THRESHOLD));
        if (read != null) {
            lastThreshold = read;
        }
        return lastThreshold;
    }
}
