package io.terrarium.application.namespace;

import io.terrarium.application.settings.SettingsService;
import io.terrarium.infrastructure.persistence.DatabaseMigration;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Creates the default namespace ({@code default_namespace}) when the server starts on a store that never had it, as
 * conda-store does: the UI offers "create environment" only beside a namespace it lists, so a fresh server would
 * otherwise give its users nowhere to start.
 */
@Singleton
@Startup
// it reads the settings table: without the migration first, a fresh database fails the deployment at random
@DependsOn(DatabaseMigration.NAME)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DefaultNamespaceInstaller {

    private static final Logger LOG = Logger.getLogger(DefaultNamespaceInstaller.class.getName());

    @EJB
    private NamespaceService namespaces;

    @Inject
    private SettingsService settings;

    @PostConstruct
    void install() {
        String name = settings.effective(null, null).defaultNamespace();
        try {
            if (namespaces.createIfNeverCreated(name)) {
                LOG.info(() -> "namespace " + name + " created");
            }
        } catch (RuntimeException e) {
            // another worker starting at the same moment created it first, or the database is not there yet: the
            // first specification submitted to it creates it anyway
            LOG.info(() -> "namespace " + name + " not created at startup: " + e.getMessage());
        }
    }
}
