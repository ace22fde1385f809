package io.terrarium.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the tests' own, made with the system's {@code initdb} and run with {@code pg_ctl} on a
 * loopback port, so a test can stop it and start it again without touching the machine's PostgreSQL. As root
 * (initdb refuses root), the server runs as the {@code postgres} user.
 */
final class LocalPostgres {

    static final String DATABASE = "terrarium";

    private final Path dataDir;
    private final Path log;
    private final int port;
    private final Path bin;
    private final boolean asPostgresUser;

    LocalPostgres(Path dir, int port) {
        this.dataDir = dir.resolve("pgdata");
        this.log = dir.resolve("postgresql.log");
        this.port = port;
        this.bin = binaries();
        this.asPostgresUser = "root".equals(System.getProperty("user.name"));
    }

    /** The newest {@code /usr/lib/postgresql/<major>/bin} that has initdb. */
    private static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(
                            b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElseThrow(() -> new AssertionError("no /usr/lib/postgresql/*/bin/initdb: install postgresql"));
        } catch (IOException e) {
            throw new AssertionError("no PostgreSQL server binaries under /usr/lib/postgresql: " + e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** Stops a server left running in this directory by an earlier run; deletes its data. */
    void cleanUp() throws IOException, InterruptedException {
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            try {
                pgCtl("stop", "-m", "immediate", "-w");
            } catch (AssertionError e) {
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

    /** Creates the cluster and its database and starts the server. */
    void create() throws IOException, InterruptedException {
        cleanUp();
        Files.createDirectories(dataDir);
        if (asPostgresUser) {
            Processes.run(
                    List.of(
                            "chown",
                            "-R",
                            "postgres:postgres",
                            dataDir.getParent().toString()),
                    Map.of(),
                    log.resolveSibling("commands.log"),
                    30);
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
                        "--no-sync"),
                120);
        start();
        command(
                List.of(
                        bin.resolve("psql").toString(),
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(port),
                        "-U",
                        "postgres",
                        "-d",
                        "postgres",
                        "-c",
                        "CREATE DATABASE " + DATABASE),
                60);
    }

    void start() throws IOException, InterruptedException {
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
    void stop() throws IOException, InterruptedException {
        pgCtl("stop", "-m", "fast", "-w", "-t", "120");
    }

    private void pgCtl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString()));
        cmd.addAll(List.of(args));
        command(cmd, 180);
    }

    private void command(List<String> cmd, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(cmd);
        Processes.run(full, Map.of(), log.resolveSibling("commands.log"), timeoutSeconds);
    }
}
