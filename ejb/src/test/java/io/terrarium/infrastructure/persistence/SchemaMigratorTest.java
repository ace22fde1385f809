package io.terrarium.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.testing.postgres.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The Flyway migrations on real databases: H2 in memory and a fresh database on the PostgreSQL of
 * {@code -Dterrarium.unit.pg.url} (default {@code 127.0.0.1:5432}; started by the tests when none answers). A
 * database as the code before Flyway left it (a dump of a real server run, with data) is baselined and migrated
 * without losing a row; an empty one gets a schema equal to that one; several servers migrating one PostgreSQL at
 * once apply each version once.
 */
class SchemaMigratorTest {

    private static final String PG_URL = UnitPostgres.URL;
    private static final String PG_USER = UnitPostgres.USER;

    /** The application tables of the legacy schema, and the batch repository tables V3 adds. */
    private static final List<String> APP_TABLES = List.of(
            "build",
            "build_artifact",
            "build_conda_package_build",
            "conda_channel",
            "conda_package",
            "conda_package_build",
            "environment",
            "namespace",
            "setting",
            "specification",
            "terrarium_job_owner",
            "terrarium_outbox",
            "terrarium_worker");

    private static final List<String> BATCH_TABLES = List.of(
            "jbatchcheckpointdata",
            "jbatchexecutioninstancedata",
            "jbatchjobinstancedata",
            "jbatchjobstatus",
            "jbatchstepexecutioninstancedata",
            "jbatchstepstatus");

    private final List<String> pgDatabases = new ArrayList<>();

    @AfterEach
    void dropDatabases() throws SQLException {
        if (pgDatabases.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(maintenanceUrl(), PG_USER, "");
                Statement s = c.createStatement()) {
            for (String db : pgDatabases) {
                s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aDatabaseOfTheEclipseLinkSchemaIsBaselinedAndMigratedWithAllItsRows(String vendor) throws Exception {
        DataSource legacy = database(vendor);
        load(legacy, vendor);
        Map<String, Long> before = rowCounts(legacy, union(APP_TABLES, BATCH_TABLES));
        assertEquals(1L, before.get("build"), "the dump holds one build");
        assertEquals(7L, before.get("jbatchstepexecutioninstancedata"), "and its job's seven steps");

        MigrateResult result = new SchemaMigrator(legacy).migrate();

        assertEquals("3", result.targetSchemaVersion);
        assertEquals(List.of("1:BASELINE", "2:SQL", "3:SQL"), history(legacy));
        assertEquals(before, rowCounts(legacy, union(APP_TABLES, BATCH_TABLES)), "no row lost or added");
        assertEquals(0, new SchemaMigrator(legacy).migrate().migrationsExecuted, "a second start has nothing to do");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aLegacyDatabaseWithoutTheBatchRepositoryGetsIt(String vendor) throws Exception {
        DataSource legacy = database(vendor);
        load(legacy, vendor);
        try (Connection c = legacy.getConnection();
                Statement s = c.createStatement()) {
            // a server that never ran a job had no repository tables yet
            for (String t : List.of(
                    "jbatchjobstatus",
                    "jbatchstepstatus",
                    "jbatchcheckpointdata",
                    "jbatchstepexecutioninstancedata",
                    "jbatchexecutioninstancedata",
                    "jbatchjobinstancedata")) {
                s.execute("DROP TABLE " + t);
            }
        }
        new SchemaMigrator(legacy).migrate();
        assertEquals(List.of("1:BASELINE", "2:SQL", "3:SQL"), history(legacy));
        DataSource fresh = database(vendor);
        load(fresh, vendor);
        assertEquals(schema(fresh, BATCH_TABLES), schema(legacy, BATCH_TABLES), "V3 makes what JBatch made");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anEmptyDatabaseGetsExactlyTheSchemaTheEclipseLinkCodeMade(String vendor) throws Exception {
        DataSource legacy = database(vendor);
        load(legacy, vendor);
        DataSource empty = database(vendor);

        MigrateResult result = new SchemaMigrator(empty).migrate();

        assertEquals(3, result.migrationsExecuted);
        assertEquals(List.of("1:SQL", "2:SQL", "3:SQL"), history(empty));
        assertEquals(schema(legacy, union(APP_TABLES, BATCH_TABLES)), schema(empty, union(APP_TABLES, BATCH_TABLES)));
        // V2 (namespace role mappings) came after the EclipseLink schema: its sequences are the only new ones
        assertEquals(
                sequences(legacy),
                sequences(empty).stream()
                        .filter(q -> !q.toLowerCase(java.util.Locale.ROOT).startsWith("namespace_role_mapping"))
                        .toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aDatabaseWhereLibertyMadeItsJobRepositoryFirstGetsTheWholeSchema(String vendor) throws Exception {
        DataSource db = database(vendor);
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            // what Open Liberty's batch runtime creates on first use, which can come before DatabaseMigration
            s.execute("CREATE TABLE wlpjobinstance (jobinstanceid BIGINT PRIMARY KEY, jobname VARCHAR(256))");
        }

        MigrateResult result = new SchemaMigrator(db).migrate();

        assertEquals(3, result.migrationsExecuted);
        assertEquals(List.of("0:BASELINE", "1:SQL", "2:SQL", "3:SQL"), history(db));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aNonEmptySchemaThatIsNotTerrariumsIsRefused(String vendor) throws Exception {
        DataSource other = database(vendor);
        try (Connection c = other.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE invoice (id BIGINT PRIMARY KEY)");
        }
        FlywayException e = assertThrows(FlywayException.class, () -> new SchemaMigrator(other).migrate());
        assertTrue(e.getMessage().contains("non-empty schema"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void workersStartingAtOnceOnOnePostgresqlApplyEachVersionOnce(boolean legacySchema) throws Exception {
        DataSource shared = database("postgresql");
        if (legacySchema) {
            load(shared, "postgresql");
        }
        int workers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Callable<MigrateResult>> starts = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                starts.add(() -> new SchemaMigrator(shared).migrate());
            }
            int applied = 0;
            for (Future<MigrateResult> f : pool.invokeAll(starts, 120, TimeUnit.SECONDS)) {
                // a worker that found everything applied reports no target version
                applied += f.get().migrationsExecuted;
            }
            assertEquals(legacySchema ? 2 : 3, applied, "each pending version ran on one worker only");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(
                legacySchema ? List.of("1:BASELINE", "2:SQL", "3:SQL") : List.of("1:SQL", "2:SQL", "3:SQL"),
                history(shared));
    }

    // ---- databases ----------------------------------------------------------------------------------------

    private DataSource database(String vendor) throws SQLException {
        String name = "terrarium_migration_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (vendor.equals("h2")) {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
            return ds;
        }
        TestPostgres.ensure(PG_URL, PG_USER, Path.of("target"));
        try (Connection c = DriverManager.getConnection(maintenanceUrl(), PG_USER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        pgDatabases.add(name);
        URI uri = URI.create(PG_URL.substring("jdbc:".length()));
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {uri.getHost()});
        ds.setPortNumbers(new int[] {uri.getPort() < 0 ? 5432 : uri.getPort()});
        ds.setDatabaseName(name);
        ds.setUser(PG_USER);
        return ds;
    }

    private static String maintenanceUrl() {
        URI uri = URI.create(PG_URL.substring("jdbc:".length()));
        return "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + "/postgres";
    }

    /** Loads the dump of a database the code before Flyway made, data included. */
    private static void load(DataSource ds, String vendor) throws IOException, SQLException {
        String sql;
        try (InputStream in =
                SchemaMigratorTest.class.getResourceAsStream("/db/legacy/" + vendor + "-eclipselink.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            if (vendor.equals("h2")) {
                s.execute("RUNSCRIPT FROM 'classpath:/db/legacy/h2-eclipselink.sql'");
            } else {
                // the dump empties search_path for its own statements; the connection is used afterwards
                s.execute(sql);
                s.execute("SET search_path TO \"$user\", public");
            }
        }
    }

    // ---- what a database holds ----------------------------------------------------------------------------

    private static List<String> union(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Map<String, Long> rowCounts(DataSource ds, List<String> tables) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
                    rs.next();
                    counts.put(t, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    private static List<String> history(DataSource ds) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT \"version\", \"type\", \"success\" FROM \""
                        + SchemaMigrator.HISTORY_TABLE + "\" ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                assertTrue(rs.getBoolean(3), "migration " + rs.getString(1) + " succeeded");
                // on H2 Flyway also records that it created the history table itself (a row without version)
                if (rs.getString(1) != null) {
                    rows.add(rs.getString(1) + ":" + rs.getString(2));
                }
            }
        }
        return rows;
    }

    /**
     * Columns (type, size, nullability, default), primary keys, foreign keys (with their rules) and unique
     * indexes of the tables, as text to compare. Names the database generated itself (H2's CONSTRAINT_xx primary
     * keys and their indexes) are left out.
     */
    private static Map<String, List<String>> schema(DataSource ds, List<String> tables) throws SQLException {
        Map<String, List<String>> out = new TreeMap<>();
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            boolean upper = meta.storesUpperCaseIdentifiers();
            String schema = c.getSchema();
            for (String t : tables) {
                String table = upper ? t.toUpperCase(Locale.ROOT) : t;
                List<String> facts = new ArrayList<>();
                try (ResultSet rs = meta.getColumns(null, schema, table, null)) {
                    while (rs.next()) {
                        facts.add("column " + rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME") + "("
                                + rs.getInt("COLUMN_SIZE") + ") nullable=" + rs.getString("IS_NULLABLE")
                                + " default=" + rs.getString("COLUMN_DEF") + " auto="
                                + rs.getString("IS_AUTOINCREMENT"));
                    }
                }
                try (ResultSet rs = meta.getPrimaryKeys(null, schema, table)) {
                    while (rs.next()) {
                        facts.add("pk " + rs.getString("COLUMN_NAME") + " #" + rs.getInt("KEY_SEQ"));
                    }
                }
                try (ResultSet rs = meta.getImportedKeys(null, schema, table)) {
                    while (rs.next()) {
                        facts.add("fk " + rs.getString("FK_NAME") + " " + rs.getString("FKCOLUMN_NAME") + " -> "
                                + rs.getString("PKTABLE_NAME") + "." + rs.getString("PKCOLUMN_NAME") + " delete="
                                + rs.getShort("DELETE_RULE"));
                    }
                }
                try (ResultSet rs = meta.getIndexInfo(null, schema, table, true, false)) {
                    while (rs.next()) {
                        String index = rs.getString("INDEX_NAME");
                        if (index != null && !index.startsWith("PRIMARY_KEY") && !index.endsWith("_pkey")) {
                            facts.add("unique " + index + " " + rs.getString("COLUMN_NAME"));
                        }
                    }
                }
                facts.sort(null);
                assertTrue(!facts.isEmpty(), "table " + table + " exists");
                out.put(t, facts);
            }
        }
        return out;
    }

    private static List<String> sequences(DataSource ds) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            boolean h2 = c.getMetaData().getDatabaseProductName().equals("H2");
            String sql = h2
                    ? "SELECT SEQUENCE_NAME, START_VALUE, INCREMENT FROM INFORMATION_SCHEMA.SEQUENCES"
                            + " WHERE SEQUENCE_SCHEMA = CURRENT_SCHEMA ORDER BY SEQUENCE_NAME"
                    : "SELECT sequencename, start_value, increment_by FROM pg_sequences"
                            + " WHERE schemaname = current_schema() ORDER BY sequencename";
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " start " + rs.getLong(2) + " by " + rs.getLong(3));
                }
            }
        }
        assertTrue(out.size() >= 10, "the entity sequences exist: " + out);
        return out;
    }
}
