package io.terrarium.infrastructure.persistence;

import io.terrarium.testing.postgres.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The PostgreSQL database of the unit tests that need one: {@code -Dterrarium.unit.pg.url} (default
 * {@code terrarium_test} on 127.0.0.1) as {@code -Dterrarium.unit.pg.user}, made to exist on first use (on this
 * machine's server, or on one the tests start), so no test depends on another having run first.
 */
final class UnitPostgres {

    static final String URL =
            System.getProperty("terrarium.unit.pg.url", "jdbc:postgresql://127.0.0.1:5432/terrarium_test");
    static final String USER = System.getProperty("terrarium.unit.pg.user", "postgres");

    private UnitPostgres() {}

    static synchronized Connection connect() throws SQLException {
        TestPostgres.ensure(URL, USER, Path.of("target"));
        return DriverManager.getConnection(URL, USER, "");
    }
}
