package io.terrarium.cluster;

import io.terrarium.testing.postgres.PostgresServer;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The cluster's PostgreSQL: a server of the tests' own on a loopback port, so a test can stop it and start it again
 * without touching the machine's PostgreSQL. It runs the system's server programs, or the PostgreSQL binaries from
 * Maven Central on a machine without them (see {@link io.terrarium.testing.postgres.PostgresBinaries}).
 */
final class LocalPostgres {

    static final String DATABASE = "terrarium";

    private final PostgresServer server;

    LocalPostgres(Path dir, int port) {
        this.server = new PostgresServer(dir, port);
    }

    String jdbcUrl() {
        return server.jdbcUrl(DATABASE);
    }

    /** Stops a server left running in this directory by an earlier run; deletes its data. */
    void cleanUp() throws IOException, InterruptedException {
        server.cleanUp();
    }

    /** Creates the cluster and its database and starts the server. */
    void create() throws IOException, InterruptedException {
        server.create();
        try {
            server.createDatabase(DATABASE);
        } catch (SQLException e) {
            throw new AssertionError("cannot create database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    void start() throws IOException, InterruptedException {
        server.start();
    }

    /** Fast shutdown: open connections are closed, as when a database server goes away. */
    void stop() throws IOException, InterruptedException {
        server.stop();
    }
}
