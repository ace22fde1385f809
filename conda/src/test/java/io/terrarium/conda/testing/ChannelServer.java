package io.terrarium.conda.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A real HTTP server on loopback that serves a directory of channels as a static file server does, for the repodata
 * tests and benchmark: {@code ETag} on every file, {@code 304} to a matching {@code If-None-Match}, {@code 404} for
 * missing files and for paths the test {@linkplain #hide hides} (a server lacking a form), and per path the number of
 * requests, of full ({@code 200}) answers and of body bytes sent.
 */
public final class ChannelServer implements AutoCloseable {
    private final Path root;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private volatile Predicate<String> hidden = p -> false;
    private volatile Predicate<String> delayed = p -> false;
    private volatile long delayMillis;
    private volatile long bytesPerSecond;
    private volatile Predicate<String> stalled = p -> false;
    private final java.util.concurrent.CountDownLatch unstall = new java.util.concurrent.CountDownLatch(1);
    private volatile long latencyMillis;

    static {
        // the JDK server writes headers and body separately: with Nagle's algorithm on, every small answer waits for
        // the client's delayed ACK (40 ms), which real servers (nginx, CDNs: TCP_NODELAY) do not do
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Per path: requests, full answers, body bytes. */
    public static final class Counter {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong ok = new AtomicLong();
        final AtomicLong notModified = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();

        public long requests() {
            return requests.get();
        }

        public long ok() {
            return ok.get();
        }

        public long notModified() {
            return notModified.get();
        }

        public long bytes() {
            return bytes.get();
        }
    }

    public ChannelServer(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "channel-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort();
    }

    /** Answers 404 for the paths {@code which} accepts, as a server without those files does. */
    public ChannelServer hide(Predicate<String> which) {
        this.hidden = which;
        return this;
    }

    /** Holds answers to the paths {@code which} accepts for {@code millis} before sending them. */
    public ChannelServer delay(Predicate<String> which, long millis) {
        this.delayed = which;
        this.delayMillis = millis;
        return this;
    }

    /**
     * Models a network link: every answer waits {@code latencyMillis} (a round trip) and its body is paced to
     * {@code bytesPerSecond}; 0 and 0 for plain loopback.
     */
    public ChannelServer link(long bytesPerSecond, long latencyMillis) {
        this.bytesPerSecond = bytesPerSecond;
        this.latencyMillis = latencyMillis;
        return this;
    }

    /**
     * Sends only the first half of the body of the paths {@code which} accepts, then holds the connection until
     * {@link #unstall()} (a transfer cut off by a client that dies).
     */
    public ChannelServer stallHalfway(Predicate<String> which) {
        this.stalled = which;
        return this;
    }

    /** Lets stalled answers finish; paths are no longer stalled. */
    public void unstall() {
        stalled = p -> false;
        unstall.countDown();
    }

    public void resetCounters() {
        counters.clear();
        log.clear();
    }

    /** The requested paths in arrival order. */
    public List<String> log() {
        return List.copyOf(log);
    }

    /** The counters of every requested path, sorted by path. */
    public Map<String, Counter> counters() {
        return new TreeMap<>(counters);
    }

    public Counter counter(String path) {
        return counters.getOrDefault(path, new Counter());
    }

    public Set<String> requestedPaths() {
        return new TreeMap<>(counters).keySet();
    }

    public long totalRequests() {
        return counters.values().stream().mapToLong(Counter::requests).sum();
    }

    public long totalBytes() {
        return counters.values().stream().mapToLong(Counter::bytes).sum();
    }

    /** Paths that got a full answer. */
    public long okResponses(Predicate<String> which) {
        return counters.entrySet().stream()
                .filter(e -> which.test(e.getKey()))
                .mapToLong(e -> e.getValue().ok())
                .sum();
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String path = URI.create(ex.getRequestURI().toString()).getPath();
            Counter c = counters.computeIfAbsent(path, p -> new Counter());
            c.requests.incrementAndGet();
            log.add(path);
            if (delayed.test(path)) {
                sleep(delayMillis);
            }
            sleep(latencyMillis);
            Path file = root.resolve(path.substring(1)).normalize();
            if (!file.startsWith(root) || hidden.test(path) || !Files.isRegularFile(file)) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            String etag = "\"" + Files.size(file) + "-"
                    + Files.getLastModifiedTime(file).toMillis() + "\"";
            ex.getResponseHeaders().set("ETag", etag);
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                c.notModified.incrementAndGet();
                ex.sendResponseHeaders(304, -1);
                return;
            }
            long size = Files.size(file);
            ex.sendResponseHeaders(200, size == 0 ? -1 : size);
            c.ok.incrementAndGet();
            if (size > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    if (stalled.test(path)) {
                        byte[] bytes = Files.readAllBytes(file);
                        out.write(bytes, 0, bytes.length / 2);
                        out.flush();
                        try {
                            unstall.await(60, java.util.concurrent.TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
                    } else if (bytesPerSecond <= 0) {
                        Files.copy(file, out);
                    } else {
                        paced(file, out, bytesPerSecond);
                    }
                }
                c.bytes.addAndGet(size);
            }
        }
    }

    private static void paced(Path file, OutputStream out, long rate) throws IOException {
        long start = System.nanoTime();
        long sent = 0;
        byte[] buf = new byte[64 * 1024];
        try (var in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                sent += n;
                long due = start + sent * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    sleep(wait / 1_000_000);
                }
            }
        }
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
