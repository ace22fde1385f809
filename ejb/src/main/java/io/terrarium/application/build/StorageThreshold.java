package io.terrarium.application.build;

import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.settings.SettingKey;
import io.terrarium.application.settings.SettingsService;
import io.terrarium.infrastructure.store.StoreLayout;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Refuses a new build when the store's disk has less free space than the global {@code storage_threshold}, with
 * conda-store's message, so a full disk stops builds at the door rather than halfway through a download.
 */
@ApplicationScoped
public class StorageThreshold {

    @Inject
    SettingsService settings;

    @Inject
    StoreLayout layout;

    /**
     * @param action the conda-store action the build serves ({@code environment:create} for a submitted
     *               specification, {@code environment:update} for a rebuild)
     * @throws RequestRejectedException INVALID (400) with conda-store's message when free space is below the threshold
     */
    public void requireSpaceFor(String action) {
        long threshold = settings.effective(null, null).number(SettingKey.STORAGE_THRESHOLD);
        long free;
        try {
            free = Files.getFileStore(layout.settings().storeDirectory()).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the free space of the store", e);
        }
        if (free < threshold) {
            throw RequestRejectedException.invalid("`CondaStore.storage_threshold` reached. Action " + action
                    + " prevented due to insufficient storage space");
        }
    }
}
