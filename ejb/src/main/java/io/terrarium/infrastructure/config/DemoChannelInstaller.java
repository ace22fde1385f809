package io.terrarium.infrastructure.config;

import io.terrarium.infrastructure.persistence.DatabaseMigration;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Creates the demo channel under {@code <store>/channels/demo} when the server starts and it is missing, so the
 * default channel works on a fresh machine without network.
 */
@Singleton
@DependsOn(DatabaseMigration.NAME)
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DemoChannelInstaller {

    private static final Logger LOG = Logger.getLogger(DemoChannelInstaller.class.getName());

    @Inject
    TerrariumConfig config;

    @PostConstruct
    void install() {
        Path dir = config.localChannelsDir().resolve(TerrariumConfig.DEMO_CHANNEL);
        if (Files.isRegularFile(dir.resolve("noarch").resolve("repodata.json"))) {
            return;
        }
        try {
            DemoChannelBuilder.build(dir);
            LOG.info(() -> "demo channel created in " + dir);
        } catch (IOException | RuntimeException e) {
            // the server stays useful with other channels; builds naming 'demo' will fail with the channel error
            LOG.severe(() -> "cannot create the demo channel in " + dir + ": " + e);
        }
    }
}
