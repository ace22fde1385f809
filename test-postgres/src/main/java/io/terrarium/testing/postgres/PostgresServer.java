package io.terrarium.testing.postgres;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the tests' own in a directory, made with {@code initdb} and run with {@code pg_ctl} on a
 * loopback port (trust authentication, superuser {@code postgres}), so a test can stop and start it without touching
 * the machine's server. As root (initdb and postgres refuse root) the programs run as the {@code postgres} user, or
 * as {@code nobody} on a machine without one.
 */
public final class PostgresServer {

    private final Path dir;
    private final Path dataDir;
    private final Path log;
    private final int port;
    private final Path bin;
    private final String runAs;

    public PostgresServer(Path dir, int port) {
        this.dir = dir.toAbsolutePath();
        this.dataDir = this.dir.resolve("pgdata");
        this.log = this.dir.resolve("postgresql.log");
        this.port = port;
        this.bin = PostgresBinaries.bin();
        this.runAs = "root".equals(System.getProperty("user.name")) ? unprivilegedUser() : null;
    }

    private static String unprivilegedUser() {
        try {
            return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(l -> l.startsWith("postgres:"))
                    ? "postgres"
                    : "nobody";
        } catch (IOException e) {
            return "nobody";
        }
    }

    public int port() {
        return port;
    }

    /** @return the directory of the server programs this cluster runs */
    public Path binaries() {
        return bin;
    }

    /** @return whether a server runs on this cluster (its postmaster.pid exists) */
    public boolean isRunning() {
        return Files.exists(dataDir.resolve("postmaster.pid"));
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Stops a server left running in this directory by an earlier run and deletes its data. */
    public void cleanUp() throws IOException, InterruptedException {
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            try {
                pgCtl("stop", "-m", "immediate", "-w");
            } catch (IOException e) {
                // it was not running
            }
        }
        if (Files.exists(dataDir)) {
            try (Stream<Path> all = Files.walk(dataDir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Creates the cluster (deleting an earlier one in the directory) and starts the server. */
    public void create() throws IOException, InterruptedException {
        cleanUp();
        Files.createDirectories(dataDir);
        if (runAs != null) {
            run(List.of("chown", "-R", runAs, dir.toString()), 30);
        }
        command(
                List.of(
                        bin.resolve("initdb").toString(),
                        "-D",
                        dataDir.toString(),
                        "-U",
                        "postgres",
                        "-A",
                        "trust",
                        "-E",
                        "UTF8",
                        "--locale=C",
                        "--no-sync"),
                180);
        start();
    }

    public void start() throws IOException, InterruptedException {
        pgCtl(
                "start",
                "-w",
                "-t",
                "120",
                "-l",
                log.toString(),
                "-o",
                "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c max_connections=200"
                        + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
    }

    /** Fast shutdown: open connections are closed, as when a database server goes away. */
    public void stop() throws IOException, InterruptedException {
        pgCtl("stop", "-m", "fast", "-w", "-t", "120");
    }

    /**
     * Connects through the driver class itself, not {@link DriverManager}: in one Maven JVM several exec:java runs load
     * the driver in class loaders of their own, and DriverManager hands a caller only a driver its own loader
     * registered, which it does once per JVM ("No suitable driver" in the second module that asks).
     */
    static Connection connect(String url, String user) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", "");
        Connection c = new org.postgresql.Driver().connect(url, properties);
        if (c == null) {
            throw new SQLException("not a PostgreSQL URL: " + url);
        }
        return c;
    }

    /** Creates the database unless it exists. */
    public void createDatabase(String database) throws SQLException {
        createDatabase(jdbcUrl("postgres"), "postgres", database);
    }

    static void createDatabase(String maintenanceUrl, String user, String database) throws SQLException {
        try (Connection c = connect(maintenanceUrl, user)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
            } catch (SQLException e) {
                // 42P04: created meanwhile by another test JVM
                if (!"42P04".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    private void pgCtl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString()));
        cmd.addAll(List.of(args));
        command(cmd, 180);
    }

    private void command(List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (runAs != null) {
            full.addAll(List.of("runuser", "-u", runAs, "--"));
        }
        full.addAll(cmd);
        run(full, timeoutSeconds);
    }

    private void run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        File out = File.createTempFile("postgres-cmd", ".out");
        pb.redirectOutput(out);
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not end within " + timeoutSeconds + " s");
            }
            String output = Files.readString(out.toPath(), StandardCharsets.UTF_8);
            Files.writeString(
                    dir.resolve("commands.log"),
                    "$ " + String.join(" ", command) + "\n" + output,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ":\n" + output);
            }
        } finally {
            Files.deleteIfExists(out.toPath());
        }
    }
}
