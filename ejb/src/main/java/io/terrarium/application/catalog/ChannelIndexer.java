package io.terrarium.application.catalog;

import io.terrarium.application.settings.SettingKey;
import io.terrarium.application.settings.SettingsService;
import io.terrarium.conda.repodata.Channel;
import io.terrarium.conda.repodata.ChannelConfig;
import io.terrarium.conda.repodata.RepodataLoader;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;
import io.terrarium.domain.model.shared.Timestamps;
import io.terrarium.infrastructure.config.ChannelResolver;
import io.terrarium.infrastructure.config.TerrariumConfig;
import io.terrarium.infrastructure.persistence.CatalogBulkWriter;
import io.terrarium.infrastructure.persistence.CatalogIndexLock;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Indexes the repodata of the channels named by the global setting {@code conda_indexed_channels} (every subdir of
 * {@code conda_platforms}) into the package catalog, which package search and the UI's autocomplete read.
 *
 * <p>One indexer at a time across the workers sharing a database ({@link CatalogIndexLock}); records stream from the
 * repodata document a batch at a time, each batch committed on its own, so a 700k-record channel needs neither a
 * huge transaction nor its records on the heap.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ChannelIndexer {

    private static final Logger LOG = Logger.getLogger(ChannelIndexer.class.getName());
    static final int BATCH = 1000;

    /** What one run did, for the log and the tests. */
    public record Outcome(boolean ran, List<String> channels, long recordsRead, long packageBuildsAdded) {}

    @Resource(lookup = "java:comp/DefaultDataSource")
    private DataSource dataSource;

    @Inject
    private SettingsService settings;

    @Inject
    private ChannelResolver resolver;

    @Inject
    private TerrariumConfig config;

    /**
     * Indexes every configured channel now, unless another worker is at it.
     *
     * @return {@code ran=false} when another indexer holds the lock
     */
    public Outcome indexAll() {
        var effective = settings.effective(null, null);
        List<String> channels = effective.list(SettingKey.CONDA_INDEXED_CHANNELS);
        List<Platform> subdirs = new ArrayList<>();
        for (String p : new LinkedHashSet<>(effective.list(SettingKey.CONDA_PLATFORMS))) {
            subdirs.add(Platform.parse(p));
        }
        if (!subdirs.contains(Platform.NOARCH)) {
            subdirs.add(Platform.NOARCH);
        }
        ChannelConfig channelConfig = ChannelConfig.defaults()
                .withChannelAlias(config.channelAlias())
                .withCacheDir(config.storeDir().resolve("cache").resolve("repodata"));
        RepodataLoader loader = new RepodataLoader(channelConfig);
        try (Connection connection = dataSource.getConnection()) {
            CatalogBulkWriter writer = new CatalogBulkWriter(connection);
            Optional<CatalogIndexLock> lock = CatalogIndexLock.tryAcquire(connection, writer.postgres());
            if (lock.isEmpty()) {
                return new Outcome(false, channels, 0, 0);
            }
            try (CatalogIndexLock held = lock.get()) {
                long read = 0;
                long added = 0;
                for (String name : channels) {
                    try {
                        long[] counts = indexChannel(name, subdirs, loader, channelConfig, connection, writer);
                        read += counts[0];
                        added += counts[1];
                    } catch (RuntimeException | SQLException e) {
                        rollbackQuietly(connection);
                        // one unreachable channel must not keep the others out of the catalog
                        LOG.warning(() -> "channel index: " + name + " not indexed: " + e.getMessage());
                    }
                }
                return new Outcome(true, channels, read, added);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("channel index: " + e.getMessage(), e);
        }
    }

    private long[] indexChannel(
            String name,
            List<Platform> subdirs,
            RepodataLoader loader,
            ChannelConfig channelConfig,
            Connection connection,
            CatalogBulkWriter writer)
            throws SQLException {
        Channel channel = Channel.parse(resolver.resolve(name), channelConfig);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            long channelId = writer.channel(channel.url());
            connection.commit();
            long[] counts = new long[2];
            boolean any = false;
            for (Platform subdir : subdirs) {
                List<PackageRecord> batch = new ArrayList<>(BATCH);
                any |= loader.forEachRecord(channel, subdir, r -> {
                    batch.add(r);
                    if (batch.size() == BATCH) {
                        counts[1] += flush(connection, writer, channelId, batch);
                        counts[0] += BATCH;
                    }
                });
                counts[0] += batch.size();
                counts[1] += flush(connection, writer, channelId, batch);
            }
            if (!any) {
                throw new IllegalArgumentException("channel " + channel.url() + " has none of the subdirs " + subdirs);
            }
            writer.touch(channelId, Timestamps.now());
            connection.commit();
            LOG.info(() -> "channel index: " + channel.url() + ": " + counts[0] + " records read, " + counts[1]
                    + " package builds added");
            return counts;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static int flush(
            Connection connection, CatalogBulkWriter writer, long channelId, List<PackageRecord> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            int added = writer.write(channelId, batch);
            connection.commit();
            batch.clear();
            return added;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write to the package catalog: " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            LOG.fine(() -> "channel index: rollback failed: " + e.getMessage());
        }
    }
}
