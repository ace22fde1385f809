package io.terrarium.testing.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL the tests run themselves from the binaries of Maven Central (as on a machine with no PostgreSQL
 * installed): started on a free loopback port where nothing answered, used over JDBC, stopped and started again,
 * and found (not started twice) when it already answers.
 */
class TestPostgresTest {

    @Test
    void withoutAnyServerTheBundledBinariesServeTheDatabaseOfTheUrl() throws Exception {
        String before = System.getProperty("terrarium.test.pg.binaries");
        System.setProperty("terrarium.test.pg.binaries", "bundled");
        try {
            int port = freePort();
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/fallback_test";

            PostgresServer started = TestPostgres.ensure(url, "postgres", Path.of("target"));

            assertNotNull(started, "nothing listened on " + port + ": a server was started");
            assertTrue(!PostgresBinaries.isSystem(started.binaries()), "bundled binaries: " + started.binaries());
            assertEquals("14", query(url, "SHOW server_version").split("\\.")[0]);
            assertNull(TestPostgres.ensure(url, "postgres", Path.of("target")), "a second call uses the running one");

            started.stop();
            assertThrows(SQLException.class, () -> query(url, "SELECT 1"));
            started.start();
            assertEquals("1", query(url, "SELECT 1"), "the same cluster serves again after a restart");
            started.stop();
        } finally {
            if (before == null) {
                System.clearProperty("terrarium.test.pg.binaries");
            } else {
                System.setProperty("terrarium.test.pg.binaries", before);
            }
        }
    }

    @Test
    void aRemoteAddressWithNothingListeningIsAClearError() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> TestPostgres.ensure("jdbc:postgresql://192.0.2.1:5432/x", "postgres", Path.of("target")));
        assertTrue(e.getMessage().contains("not a loopback address"), e.getMessage());
    }

    private static String query(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
