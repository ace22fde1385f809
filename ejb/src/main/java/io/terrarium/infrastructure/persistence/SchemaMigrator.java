package io.terrarium.infrastructure.persistence;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the application schema of a data source to the newest version with Flyway ({@code db/migration/common} and
 * {@code db/migration/h2} or {@code db/migration/postgresql}); a database made by the EclipseLink-generated schema of earlier releases (the
 * tables, no history) is first recorded as version 1, the baseline that equals it.
 *
 * <p>Several servers may start at once against one PostgreSQL: Flyway holds an advisory lock while it migrates, so
 * one server applies each version and the others find it applied.
 */
public final class SchemaMigrator {

    /** The version whose script equals the schema EclipseLink generated before Flyway. */
    public static final String BASELINE_VERSION = "1";

    public static final String HISTORY_TABLE = "flyway_schema_history";

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    /** A table every schema made by the earlier code has (the builds): it marks a database to baseline. */
    private static final String LEGACY_MARKER_TABLE = "build";

    private final DataSource dataSource;

    public SchemaMigrator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @return what Flyway did
     * @throws IllegalStateException when the database cannot be brought to the newest version
     */
    public MigrateResult migrate() {
        boolean legacy;
        boolean batchTablesOnly;
        String vendor;
        try (Connection c = dataSource.getConnection()) {
            boolean unversioned = !hasTable(c, HISTORY_TABLE);
            legacy = unversioned && hasTable(c, LEGACY_MARKER_TABLE);
            batchTablesOnly = unversioned && !legacy && onlyBatchRepositoryTables(c);
            vendor = vendor(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database schema: " + e.getMessage(), e);
        }
        if (legacy) {
            LOG.info("the database has the tables of the EclipseLink-generated schema and no migration history:"
                    + " recording it as version " + BASELINE_VERSION + ", then migrating");
        }
        if (batchTablesOnly) {
            LOG.info("the database holds only a batch runtime's job repository tables: migrating from version 0");
        }
        MigrateResult result = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
                .table(HISTORY_TABLE)
                // only a database recognised above is baselined: any other non-empty schema without history is
                // refused by Flyway rather than having version 1 (all the tables) skipped
                // a batch runtime may create its job repository (Liberty's wlp*, JBatch's jbatch* tables) on its
                // first use, before this runs: those tables alone do not make the schema one to skip version 1 of
                .baselineOnMigrate(legacy || batchTablesOnly)
                .baselineVersion(legacy ? BASELINE_VERSION : "0")
                .baselineDescription(legacy ? "EclipseLink-generated schema" : "batch job repository tables only")
                // versions are handed out to branches developed side by side (V2 to one, V3 to another): a database
                // that got the later one first must still take the earlier one when it arrives
                .outOfOrder(true)
                .load()
                .migrate();
        LOG.info("database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migration(s) applied now, " + result.database + ")");
        return result;
    }

    /** @return the directory of the database's own migrations */
    private static String vendor(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName();
        return switch (product) {
            case "H2" -> "h2";
            case "PostgreSQL" -> "postgresql";
            default ->
                throw new IllegalStateException(
                        "Terrarium runs on H2 or PostgreSQL; the default data source is " + product);
        };
    }

    /** @return true when the schema has tables and every one belongs to a batch runtime's job repository */
    private static boolean onlyBatchRepositoryTables(Connection c) throws SQLException {
        int tables = 0;
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                if (!name.startsWith("wlp") && !name.startsWith("jbatch")) {
                    return false;
                }
                tables++;
            }
        }
        return tables > 0;
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String schema = c.getSchema();
        // unquoted names fold to upper case on H2 and to lower case on PostgreSQL
        for (String candidate : new String[] {name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getTables(c.getCatalog(), schema, candidate, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
