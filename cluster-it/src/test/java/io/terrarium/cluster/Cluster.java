package io.terrarium.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The test cluster: a PostgreSQL of its own, the standalone Artemis broker ({@code ./terrarium broker start}) and
 * two workers {@code w1}, {@code w2} ({@code ./terrarium start --instance}) on one store under
 * {@code target/cluster}. Everything the launcher prints goes to {@code target/cluster/launcher.log}.
 *
 * <p>Workers run with the default lease settings of issue 9 unless {@code -Dcluster.worker.env=K=V,...} adds
 * environment variables (for example {@code TERRARIUM_WORKER_LEASE_EXPIRY_SECONDS=8}).
 */
final class Cluster {

    private final Path dir =
            Path.of(System.getProperty("cluster.dir", "target/cluster")).toAbsolutePath();
    private final Path store = dir.resolve("store");
    private final Path script =
            Path.of(System.getProperty("terrarium.script", "../terrarium")).toAbsolutePath();
    private final Path war = Path.of(System.getProperty("terrarium.it.war", "../web/target/terrarium.war"))
            .toAbsolutePath();
    private final int brokerPort = Integer.getInteger("cluster.port.broker", 19161);
    private final LocalPostgres postgres =
            new LocalPostgres(dir.resolve("pg"), Integer.getInteger("cluster.port.pg", 19110));
    private final Worker w1 = new Worker(this, "w1", Integer.getInteger("cluster.port.w1", 19101));
    private final Worker w2 = new Worker(this, "w2", Integer.getInteger("cluster.port.w2", 19102));

    Path store() {
        return store;
    }

    Path war() {
        return war;
    }

    Worker w1() {
        return w1;
    }

    Worker w2() {
        return w2;
    }

    List<Worker> workers() {
        return List.of(w1, w2);
    }

    Worker other(Worker w) {
        return w == w1 ? w2 : w1;
    }

    Worker byName(String name) {
        return workers().stream()
                .filter(w -> w.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no worker named " + name + " in this cluster"));
    }

    LocalPostgres postgres() {
        return postgres;
    }

    /** Stops what an earlier run left, writes the fixture channel, starts PostgreSQL, the broker, w1 and w2. */
    void start() throws Exception {
        if (!Files.isRegularFile(war)) {
            throw new AssertionError("no WAR at " + war + ": build the web module first");
        }
        Files.createDirectories(dir);
        stopQuietly();
        postgres.cleanUp();
        deleteTree(store);
        Files.createDirectories(store);
        SlowChannel.write(store);
        postgres.create();
        brokerStart();
        startAll(workers());
    }

    void stop() {
        stopQuietly();
        try {
            postgres.stop();
        } catch (Exception | AssertionError e) {
            System.err.println("cluster: stopping PostgreSQL: " + e);
        }
    }

    private void stopQuietly() {
        for (Worker w : workers()) {
            if (w.alive()) {
                try {
                    w.resume();
                    w.stop();
                } catch (Exception | AssertionError e) {
                    System.err.println("cluster: stopping " + w + ": " + e);
                }
            }
        }
        if (Files.exists(store.resolve("broker/artemis.pid"))) {
            try {
                brokerStop();
            } catch (Exception | AssertionError e) {
                System.err.println("cluster: stopping the broker: " + e);
            }
        }
    }

    /** Starts every worker of {@code ws} that is not running, all at once; returns when all answer. */
    void ensureUp(List<Worker> ws) {
        startAll(ws.stream().filter(w -> !w.alive()).toList());
    }

    void ensureUp() {
        ensureUp(workers());
    }

    private void startAll(List<Worker> ws) {
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (Worker w : ws) {
            starts.add(CompletableFuture.runAsync(() -> {
                try {
                    w.start();
                } catch (IOException e) {
                    throw new CompletionException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CompletionException(e);
                }
            }));
        }
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof AssertionError a ? a : new AssertionError("cannot start workers", e);
        }
    }

    void brokerStart() throws IOException, InterruptedException {
        launcher(
                List.of("broker", "start", "--store", store.toString(), "--broker-port", Integer.toString(brokerPort)),
                300);
    }

    void brokerStop() throws IOException, InterruptedException {
        launcher(List.of("broker", "stop", "--store", store.toString()), 120);
    }

    /** Runs {@code ./terrarium args} with the workers' environment; fails when it exits non-zero. */
    void launcher(List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
        cmd.addAll(args);
        Processes.run(cmd, workerEnvironment(), dir.resolve("launcher.log"), timeoutSeconds);
    }

    private Map<String, String> workerEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("TERRARIUM_DB_URL", postgres.jdbcUrl());
        env.put("TERRARIUM_DB_USER", "postgres");
        env.put("TERRARIUM_DB_PASSWORD", "");
        env.put("TERRARIUM_BROKER_URL", "tcp://127.0.0.1:" + brokerPort);
        env.put("TERRARIUM_CHANNELS_DEFAULT", SlowChannel.NAME);
        env.put("TERRARIUM_TEST_JOB_PARAMETERS", "");
        env.put(
                "TERRARIUM_AUTH_PREDEFINED_TOKENS_FILE",
                Path.of(System.getProperty("terrarium.it.tokens", "../web/src/test/resources/it-tokens.json"))
                        .toAbsolutePath()
                        .toString());
        // one build at a time per worker whatever the machine: the worker linking a build runs nothing else
        env.put("TERRARIUM_WORKER_CONCURRENCY", "1");
        // C1 only and the serial collector: two workers start faster on two busy cores
        env.put(
                "TERRARIUM_JAVA_OPTS",
                System.getProperty("cluster.java.opts", "-Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"));
        for (String pair : System.getProperty("cluster.worker.env", "").split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                env.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return env;
    }

    /** The prefix directory of build {@code id} (build key v2: {@code <store>/default/<hash>-<secs>-<id>-<name>}). */
    Optional<Path> prefixOf(long id) throws IOException {
        Path ns = store.resolve("default");
        if (!Files.isDirectory(ns)) {
            return Optional.empty();
        }
        Pattern key = Pattern.compile("[0-9a-f]{8}-\\d+-" + id + "-.+");
        try (Stream<Path> dirs = Files.list(ns)) {
            return dirs.filter(d -> key.matcher(d.getFileName().toString()).matches())
                    .findFirst();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
