import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Application benchmark (run by bench/app/run.sh against a running server): posts 20 specifications and reports
 * each build's end-to-end time (scheduled_on -> ended_on, server clock) and wall time, then measures the latency
 * of GET /api/v1/build/{id}/ under 50 concurrent clients, then the server's peak RSS (VmHWM).
 *
 * Usage: java Bench.java BASE_URL SERVER_PID [BUILDS] [CLIENTS] [SECONDS]
 */
public class Bench {
    static final Pattern BUILD_ID = Pattern.compile("\"build_id\"\\s*:\\s*(\\d+)");
    static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(QUEUED|BUILDING|COMPLETED|FAILED|CANCELED)\"");
    static final Pattern SCHEDULED = Pattern.compile("\"scheduled_on\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern ENDED = Pattern.compile("\"ended_on\"\\s*:\\s*\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String base = args[0].replaceAll("/$", "");
        long pid = Long.parseLong(args[1]);
        int builds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String run = Long.toString(System.currentTimeMillis() % 100000);

        // 1. post the specs
        long[] ids = new long[builds];
        long[] posted = new long[builds];
        for (int i = 0; i < builds; i++) {
            String version = i % 2 == 0 ? "1.0" : "1.1";
            String yaml = "name: bench-" + run + "-" + i + "\\nchannels: [demo]\\ndependencies: [hello=" + version + "]\\n";
            String body = "{\"specification\": \"" + yaml + "\"}";
            posted[i] = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/specification/"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = BUILD_ID.matcher(r.body());
            if (!m.find()) throw new IllegalStateException("POST answered " + r.statusCode() + ": " + r.body());
            ids[i] = Long.parseLong(m.group(1));
        }
        // 2. wait for all, record server-side and wall times
        double[] server = new double[builds];
        double[] wall = new double[builds];
        String[] status = new String[builds];
        int done = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (done < builds && System.nanoTime() < deadline) {
            done = 0;
            for (int i = 0; i < builds; i++) {
                if (status[i] != null) { done++; continue; }
                String b = get(http, base + "/api/v1/build/" + ids[i] + "/");
                Matcher s = STATUS.matcher(b);
                if (s.find() && !s.group(1).equals("QUEUED") && !s.group(1).equals("BUILDING")) {
                    status[i] = s.group(1);
                    wall[i] = (System.nanoTime() - posted[i]) / 1e6;
                    Matcher a = SCHEDULED.matcher(b), e = ENDED.matcher(b);
                    if (a.find() && e.find()) {
                        server[i] = Duration.between(LocalDateTime.parse(a.group(1)), LocalDateTime.parse(e.group(1))).toNanos() / 1e6;
                    }
                    done++;
                }
            }
            Thread.sleep(100);
        }
        System.out.println("build  status     queued->completed (server clock)  post->seen completed (client, 100 ms polling)");
        for (int i = 0; i < builds; i++) {
            System.out.printf("%5d  %-9s  %8.0f ms  %8.0f ms%n", ids[i], status[i], server[i], wall[i]);
        }
        double[] sorted = server.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("builds: %d, median %.0f ms, max %.0f ms (server clock)%n", builds, sorted[builds / 2], sorted[builds - 1]);

        // 3. latency of GET /api/v1/build/{id}/ under concurrent clients
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        CountDownLatch latch = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            final int offset = c;
            new Thread(() -> {
                List<Long> mine = new ArrayList<>();
                int k = offset;
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                                URI.create(base + "/api/v1/build/" + ids[k++ % builds] + "/")).GET().build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) errors.incrementAndGet();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    mine.add(System.nanoTime() - t0);
                }
                latencies.addAll(mine);
                latch.countDown();
            }).start();
        }
        latch.await();
        List<Long> l = new ArrayList<>(latencies);
        Collections.sort(l);
        System.out.printf("GET /api/v1/build/{id}/ with %d clients for %d s: %d requests (%.0f/s), %d errors, p50 %.1f ms, p99 %.1f ms%n",
                clients, seconds, l.size(), l.size() / (double) seconds, errors.get(),
                l.get(l.size() / 2) / 1e6, l.get((int) (l.size() * 0.99)) / 1e6);

        // 4. peak RSS of the server
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM") || line.startsWith("VmRSS")) System.out.println("server " + line.replaceAll("\\s+", " "));
        }
    }

    static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
