package io.terrarium.interfaces.health;

import io.terrarium.application.settings.SettingKey;
import io.terrarium.application.settings.SettingsService;
import io.terrarium.infrastructure.store.StoreLayout;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private long threshold() {
        try {
            return settings.effective(null, null).number(SettingKey.STORAGE_THRESHOLD);
        } catch (RuntimeException e) {
            // the database check reports the outage; the disk check still answers with conda-store's default
            return DEFAULT_THRESHOLD;
        }
    }
}
