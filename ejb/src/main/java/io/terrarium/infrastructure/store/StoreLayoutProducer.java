package io.terrarium.infrastructure.store;

import io.terrarium.infrastructure.config.TerrariumConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Makes the server's {@link StoreLayout} from configuration: the store directory from {@link TerrariumConfig} and
 * conda-store's {@code build_directory}, {@code environment_directory} and {@code win_extended_length_prefix} from
 * {@code terrarium.store.build-directory}, {@code terrarium.store.environment-directory} and
 * {@code terrarium.store.win-extended-length-prefix}.
 */
@ApplicationScoped
public class StoreLayoutProducer {

    public static final String BUILD_DIRECTORY = "terrarium.store.build-directory";
    public static final String ENVIRONMENT_DIRECTORY = "terrarium.store.environment-directory";
    public static final String WIN_EXTENDED_LENGTH_PREFIX = "terrarium.store.win-extended-length-prefix";

    @Inject
    TerrariumConfig config;

    private volatile StoreLayout layout;

    @Produces
    public StoreLayout storeLayout() {
        StoreLayout l = layout;
        if (l == null) {
            Config c = ConfigProvider.getConfig(StoreLayoutProducer.class.getClassLoader());
            StoreSettings defaults = StoreSettings.defaults(config.storeDir());
            l = new StoreLayout(new StoreSettings(
                    defaults.storeDirectory(),
                    c.getOptionalValue(BUILD_DIRECTORY, String.class).orElse(StoreSettings.DEFAULT_BUILD_DIRECTORY),
                    c.getOptionalValue(ENVIRONMENT_DIRECTORY, String.class)
                            .orElse(StoreSettings.DEFAULT_ENVIRONMENT_DIRECTORY),
                    c.getOptionalValue(WIN_EXTENDED_LENGTH_PREFIX, Boolean.class)
                            .orElse(false),
                    defaults.windows(),
                    null));
            layout = l;
        }
        return l;
    }
}
