package io.terrarium.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.types.PackageRecord;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The channel indexer's writes and lock on real databases: H2 in memory, and the PostgreSQL database named by
 * {@code -Dterrarium.unit.pg.url} (default {@code terrarium_test} on 127.0.0.1), in a schema of its own dropped
 * afterwards. The tables and sequences are made as EclipseLink makes them for the entities.
 */
class CatalogBulkWriterTest {

    private final String schema =
            "catalog_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final List<Connection> open = new ArrayList<>();
    private String database;

    @AfterEach
    void dropSchema() throws SQLException {
        for (Connection c : open) {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        }
        if ("postgresql".equals(database)) {
            try (Statement s = open.get(0).createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
        for (Connection c : open) {
            c.close();
        }
    }

    private Connection connect(String database) throws SQLException {
        this.database = database;
        Connection c;
        if (database.equals("h2")) {
            c = DriverManager.getConnection("jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1");
        } else {
            c = UnitPostgres.connect();
            try (Statement s = c.createStatement()) {
                if (open.isEmpty()) {
                    s.execute("CREATE SCHEMA " + schema);
                }
                s.execute("SET search_path TO " + schema);
            }
        }
        if (open.isEmpty()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SEQUENCE conda_channel_seq INCREMENT BY 1 START WITH 1");
                s.execute("CREATE SEQUENCE conda_package_seq INCREMENT BY 20 START WITH 20");
                s.execute("CREATE SEQUENCE conda_package_build_seq INCREMENT BY 20 START WITH 20");
                s.execute("CREATE TABLE conda_channel (id BIGINT PRIMARY KEY, name VARCHAR(255) NOT NULL UNIQUE,"
                        + " last_update TIMESTAMP)");
                s.execute("CREATE TABLE conda_package (id BIGINT PRIMARY KEY, channel_id BIGINT NOT NULL,"
                        + " name VARCHAR(255) NOT NULL, version VARCHAR(64) NOT NULL, license TEXT,"
                        + " license_family VARCHAR(64), summary TEXT, description TEXT,"
                        + " CONSTRAINT uq_conda_package UNIQUE (channel_id, name, version))");
                s.execute("CREATE TABLE conda_package_build (id BIGINT PRIMARY KEY, package_id BIGINT NOT NULL,"
                        + " channel_id BIGINT NOT NULL, build VARCHAR(64) NOT NULL, build_number BIGINT NOT NULL,"
                        + " depends_json TEXT, constrains_json TEXT, md5 VARCHAR(32), sha256 VARCHAR(64),"
                        + " archive_size BIGINT, subdir VARCHAR(64), build_timestamp BIGINT,"
                        + " CONSTRAINT uq_conda_package_build UNIQUE"
                        + " (channel_id, package_id, subdir, build, build_number, sha256))");
            }
        }
        open.add(c);
        return c;
    }

    private static PackageRecord record(String name, String version, String build, String sha) {
        return PackageRecord.builder(name, version)
                .build(build)
                .subdir("noarch")
                .sha256(sha)
                .md5("0123456789abcdef0123456789abcdef")
                .size(100)
                .depends(List.of("python >=3.8"))
                .license("MIT")
                .build();
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void addsWhatIsMissingOnceInSequenceBlocks(String database) throws Exception {
        Connection c = connect(database);
        CatalogBulkWriter writer = new CatalogBulkWriter(c);
        assertEquals(database.equals("postgresql"), writer.postgres());
        long channel = writer.channel("file:///channels/demo");
        assertEquals(channel, writer.channel("file:///channels/demo"));

        List<PackageRecord> batch = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            batch.add(record("pkg" + (i % 5), "1." + (i / 5), "py_0", "%064d".formatted(i)));
        }
        // the .conda twin of a record (same build, same hash) is the same package build
        batch.add(record("pkg0", "1.0", "py_0", "%064d".formatted(0)));
        assertEquals(45, writer.write(channel, batch));
        assertEquals(45, count(c, "conda_package"));
        assertEquals(45, count(c, "conda_package_build"));

        List<PackageRecord> again = new ArrayList<>(batch);
        again.add(record("pkg0", "1.0", "py_1", "f".repeat(64)));
        assertEquals(1, writer.write(channel, again), "only the new build of pkg0 1.0");
        assertEquals(45, count(c, "conda_package"));
        assertEquals(46, count(c, "conda_package_build"));

        // the ids taken are whole blocks below what the sequence hands out next, as EclipseLink assumes
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(id) FROM conda_package")) {
            rs.next();
            long maxId = rs.getLong(1);
            String next = database.equals("postgresql")
                    ? "SELECT nextval('conda_package_seq')"
                    : "SELECT NEXT VALUE FOR conda_package_seq";
            try (ResultSet n = s.executeQuery(next)) {
                n.next();
                assertTrue(n.getLong(1) - CatalogBulkWriter.ALLOCATION >= maxId, "block after " + maxId);
            }
        }
    }

    @Test
    void oneIndexerAtATimeAcrossPostgresSessions() throws Exception {
        Connection first = connect("postgresql");
        Connection second = connect("postgresql");
        assertTrue(CatalogIndexLock.tryAdvisoryLock(first));
        assertFalse(CatalogIndexLock.tryAdvisoryLock(second), "another worker's session holds it");
        try (CatalogIndexLock held = CatalogIndexLock.tryAcquire(second, true).orElse(null)) {
            assertEquals(null, held, "tryAcquire gives way too");
        }
        try (Statement s = first.createStatement()) {
            s.execute("SELECT pg_advisory_unlock(" + CatalogIndexLock.ADVISORY_KEY + ")");
        }
        var lock = CatalogIndexLock.tryAcquire(second, true);
        assertTrue(lock.isPresent(), "free once the first session let go");
        assertTrue(CatalogIndexLock.tryAcquire(first, true).isEmpty(), "and held in this JVM meanwhile");
        lock.get().close();
        assertTrue(CatalogIndexLock.tryAdvisoryLock(first), "closing released it");
    }
}
