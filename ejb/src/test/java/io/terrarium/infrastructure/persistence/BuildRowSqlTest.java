package io.terrarium.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fencing and claim statements on real databases, with two connections as two workers: H2 in memory, and the
 * PostgreSQL database named by {@code -Dterrarium.unit.pg.url} (default {@code terrarium_test} on 127.0.0.1; the tests start a
 * PostgreSQL there themselves when none answers), in a schema of its own that is dropped afterwards.
 */
class BuildRowSqlTest {

    private final String schema =
            "fence_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private Connection first;
    private Connection second;
    private String database;

    @BeforeEach
    void noConnectionsYet() {
        first = null;
        second = null;
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (second != null) {
            second.rollback();
            second.close();
        }
        if (first != null) {
            first.rollback();
            if (database.equals("postgresql")) {
                first.setAutoCommit(true);
                try (Statement s = first.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
            first.close();
        }
    }

    private void open(String database) throws SQLException {
        this.database = database;
        if (database.equals("h2")) {
            String url = "jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
            first = DriverManager.getConnection(url);
            second = DriverManager.getConnection(url);
        } else {
            first = UnitPostgres.connect();
            second = UnitPostgres.connect();
            try (Statement s = first.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            for (Connection c : new Connection[] {first, second}) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET search_path TO " + schema);
                }
            }
        }
        try (Statement s = first.createStatement()) {
            s.execute("CREATE TABLE build (id BIGINT PRIMARY KEY, status VARCHAR(16) NOT NULL, attempt INTEGER, "
                    + "worker_id VARCHAR(36), deleted_on TIMESTAMP, progress_step VARCHAR(32), progress_done INTEGER, "
                    + "progress_total INTEGER)");
            s.execute("INSERT INTO build (id, status, attempt, worker_id) VALUES (1, 'BUILDING', 2, 'w-1')");
            s.execute("INSERT INTO build (id, status, attempt, worker_id) VALUES (2, 'CANCELED', 1, 'w-1')");
            s.execute("INSERT INTO build (id, status, attempt, worker_id) VALUES (3, 'BUILDING', 1, NULL)");
        }
        first.setAutoCommit(false);
        second.setAutoCommit(false);
    }

    private static int progress(Connection c, long id, int attempt, int done) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BuildRowSql.FENCED_PROGRESS)) {
            ps.setString(1, "link");
            ps.setInt(2, done);
            ps.setInt(3, 6);
            ps.setLong(4, id);
            ps.setInt(5, attempt);
            return ps.executeUpdate();
        }
    }

    private static boolean claim(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BuildRowSql.CLAIM_UNLOCKED)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void onlyTheCurrentAttemptOfARunningBuildRecordsProgress(String database) throws SQLException {
        open(database);
        assertEquals(1, progress(first, 1, 2, 3), "the current attempt");
        assertEquals(0, progress(first, 1, 1, 4), "an older attempt is fenced out");
        assertEquals(0, progress(first, 2, 1, 1), "a canceled build");
        assertEquals(0, progress(first, 3, 1, 1), "a build handed over, waiting for a worker");
        first.commit();
        try (Statement s = second.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT progress_step, progress_done, progress_total FROM build WHERE id = 1")) {
            assertTrue(rs.next());
            assertEquals("link", rs.getString(1));
            assertEquals(3, rs.getInt(2));
            assertEquals(6, rs.getInt(3));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aRowOneWorkerClaimedIsSkippedByTheOtherUntilItCommits(String database) throws SQLException {
        open(database);
        assertTrue(claim(first, 1));
        assertFalse(claim(second, 1), "the second sweeper skips the locked row instead of waiting");
        assertTrue(claim(second, 3), "other rows stay claimable");
        first.commit();
        second.commit();
        assertTrue(claim(second, 1));
        second.commit();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aTakeoverWaitsForTheRunningChunkAndThenFencesItsNextOne(String database) throws Exception {
        open(database);
        // the chunk of attempt 2 recorded its progress and has not committed yet
        assertEquals(1, progress(first, 1, 2, 4));
        assertFalse(claim(second, 1), "a sweeper does not take a build over in the middle of a chunk");
        CompletableFuture<Integer> takeover = CompletableFuture.supplyAsync(() -> {
            try (PreparedStatement ps = second.prepareStatement(
                    "UPDATE build SET attempt = attempt + 1, worker_id = NULL WHERE id = 1 AND attempt = 2")) {
                int n = ps.executeUpdate();
                second.commit();
                return n;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        first.commit();
        assertEquals(1, takeover.get(30, TimeUnit.SECONDS), "the conditional claim wins after the chunk committed");
        assertEquals(0, progress(first, 1, 2, 5), "the next chunk of attempt 2 is fenced out");
        first.commit();
    }
}
