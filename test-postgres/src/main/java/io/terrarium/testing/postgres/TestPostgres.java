package io.terrarium.testing.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Set;

/**
 * The PostgreSQL database a test names by JDBC URL, made to exist: when a server answers at the URL's address it is
 * used as it is (the machine's server); when nothing listens there and the address is loopback, a server of the
 * tests' own ({@link PostgresServer}) is started on that very port for the rest of this JVM, so the URL stays right.
 * The database of the URL is created when missing. Only trust authentication (no password) is assumed.
 *
 * <p>{@code main} does the same from a build ({@code exec:java} runs it inside Maven), and stops the server again
 * after the integration tests.
 */
public final class TestPostgres {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    private TestPostgres() {}

    /**
     * @param jdbcUrl {@code jdbc:postgresql://host[:port]/database[?...]}
     * @param user the superuser to connect as
     * @param workDir where a server of our own keeps its data, if one is needed
     * @return the server started here, or null when one was already answering
     */
    public static synchronized PostgresServer ensure(String jdbcUrl, String user, Path workDir) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        int port = port(uri);
        String database = uri.getPath().substring(1);
        String maintenance = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        PostgresServer started = null;
        if (!listening(host, port)) {
            if (!LOOPBACK.contains(host)) {
                throw new IllegalStateException("no PostgreSQL answers at " + host + ":" + port
                        + " and it is not a loopback address, where the tests could start one");
            }
            started = new PostgresServer(workDir.resolve("pg-" + port), port);
            System.out.println("[test-postgres] nothing listens on " + host + ":" + port + ": starting PostgreSQL"
                    + " there (" + started.binaries() + ", data in " + workDir.resolve("pg-" + port) + ")");
            try {
                started.create();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start a PostgreSQL for the tests: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting PostgreSQL", e);
            }
            PostgresServer toStop = started;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(toStop), "stop-test-postgres"));
        }
        try {
            PostgresServer.createDatabase(maintenance, user, database);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot create database " + database + " at " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return started;
    }

    private static void stopQuietly(PostgresServer server) {
        if (!server.isRunning()) {
            return;
        }
        try {
            server.stop();
        } catch (IOException e) {
            System.err.println("[test-postgres] stopping PostgreSQL on port " + server.port() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean listening(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host.replace("[", "").replace("]", ""), port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Stops the server {@link #ensure} started for this URL in {@code workDir}, if one runs there; a server that was
     * already answering (the machine's) is left alone.
     */
    public static void stopStarted(String jdbcUrl, Path workDir) {
        int port = port(URI.create(jdbcUrl.substring("jdbc:".length())));
        PostgresServer ours = new PostgresServer(workDir.resolve("pg-" + port), port);
        if (ours.isRunning()) {
            System.out.println("[test-postgres] stopping the PostgreSQL started on port " + port);
            stopQuietly(ours);
        }
    }

    private static int port(URI uri) {
        return uri.getPort() < 0 ? 5432 : uri.getPort();
    }

    /**
     * {@code start URL USER DIR}: makes the database exist (a server started here runs until {@code stop} or until
     * this JVM exits); {@code stop URL DIR}: stops a server {@code start} started.
     */
    public static void main(String[] args) {
        if (args.length == 4 && args[0].equals("start")) {
            ensure(args[1], args[2], Path.of(args[3]));
        } else if (args.length == 3 && args[0].equals("stop")) {
            stopStarted(args[1], Path.of(args[2]));
        } else {
            throw new IllegalArgumentException(
                    "usage: TestPostgres start JDBC_URL USER WORK_DIR | stop JDBC_URL WORK_DIR");
        }
    }
}
