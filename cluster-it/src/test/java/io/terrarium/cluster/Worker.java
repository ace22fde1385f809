package io.terrarium.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One Payara Micro worker of the test cluster, started and stopped with {@code ./terrarium start|stop --instance
 * NAME}; killed, paused and resumed through its pid (the launcher's pid file, {@code <store>/server/NAME/}).
 */
final class Worker {

    private final Cluster cluster;
    private final String name;
    private final int port;
    private final ClusterApi api;

    Worker(Cluster cluster, String name, int port) {
        this.cluster = cluster;
        this.name = name;
        this.port = port;
        this.api = new ClusterApi(port);
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    ClusterApi api() {
        return api;
    }

    Path serverDir() {
        return cluster.store().resolve("server").resolve(name);
    }

    Path serverLog() {
        return serverDir().resolve("server.log");
    }

    String serverLogText() {
        try {
            return Files.exists(serverLog()) ? Files.readString(serverLog()) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The pid in the launcher's pid file, if the file exists. */
    Optional<Long> pid() {
        Path f = serverDir().resolve("payara.pid");
        try {
            return Files.exists(f)
                    ? Optional.of(Long.parseLong(Files.readString(f).trim()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    boolean alive() {
        return pid().map(Processes::alive).orElse(false);
    }

    /** {@code ./terrarium start --instance NAME}: returns once the API answers. */
    void start() throws IOException, InterruptedException {
        cluster.launcher(
                List.of(
                        "start",
                        "--no-build",
                        "--war",
                        cluster.war().toString(),
                        "--port",
                        Integer.toString(port),
                        "--store",
                        cluster.store().toString(),
                        "--instance",
                        name),
                600);
    }

    void stop() throws IOException, InterruptedException {
        cluster.launcher(List.of("stop", "--store", cluster.store().toString(), "--instance", name), 120);
    }

    /** SIGKILL, then waits until the process is gone. */
    void kill() throws Exception {
        long pid = pid().orElseThrow(() -> new AssertionError("no pid file for worker " + name));
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(name + " is not running"));
        Processes.signal(pid, "KILL");
        process.onExit().get(60, TimeUnit.SECONDS);
    }

    /** Waits until the process has exited by itself (for example killed by a link script). */
    void awaitDeath(Duration timeout) throws InterruptedException {
        Poll.until("worker " + name + " to die", timeout, () -> !alive());
    }

    void pause() throws IOException, InterruptedException {
        Processes.signal(pid().orElseThrow(), "STOP");
    }

    void resume() throws IOException, InterruptedException {
        Processes.signal(pid().orElseThrow(), "CONT");
    }

    @Override
    public String toString() {
        return name + " (port " + port + ", pid " + pid().map(String::valueOf).orElse("?") + ")";
    }
}
