package io.terrarium.conda.repodata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link KeepAliveHttp} against a scripted HTTP/1.1 server on a loopback port: framing, reuse, what it refuses. */
class KeepAliveHttpTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private ScriptedServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void readsContentLengthBodiesAndReusesTheConnection() throws Exception {
        server = new ScriptedServer(path -> answer("200 OK", "Content-Length: 5", "hello"), false);
        URI a = server.uri("/a");
        assertArrayEquals(
                bytes("hello"), KeepAliveHttp.get(a, null, TIMEOUT, 100).body());
        assertArrayEquals(
                bytes("hello"),
                KeepAliveHttp.get(server.uri("/b"), "Basic eDp5", TIMEOUT, 100).body());
        assertEquals(1, server.connections.get(), "the second request goes over the pooled connection");
        assertEquals(List.of("/a", "/b"), server.paths);
        assertTrue(server.requests.get(1).contains("Authorization: Basic eDp5"), server.requests.get(1));
    }

    @Test
    void aConditionalRequestCarriesItsValidatorsAndA304HasNoBody() throws Exception {
        server = new ScriptedServer(
                path -> path.equals("/index")
                        ? answer(
                                "200 OK",
                                "ETag: \"v1\"\r\nLast-Modified: Sun, 06 Dec 2026 10:00:00 GMT\r\nContent-Length: 2",
                                "ix")
                        : answer("304 Not Modified", "ETag: \"v1\"", ""),
                false);
        KeepAliveHttp.Response first = KeepAliveHttp.get(server.uri("/index"), null, TIMEOUT, 100);
        assertEquals("\"v1\"", first.etag());
        assertEquals("Sun, 06 Dec 2026 10:00:00 GMT", first.lastModified());
        java.util.Map<String, String> conditions = new java.util.LinkedHashMap<>();
        conditions.put("If-None-Match", first.etag());
        conditions.put("If-Modified-Since", first.lastModified());
        KeepAliveHttp.Response again = KeepAliveHttp.get(server.uri("/again"), null, conditions, TIMEOUT, 100);
        assertEquals(304, again.status());
        assertNull(again.body());
        assertTrue(server.requests.get(1).contains("If-None-Match: \"v1\"\r\n"), server.requests.get(1));
        assertTrue(
                server.requests.get(1).contains("If-Modified-Since: Sun, 06 Dec 2026 10:00:00 GMT\r\n"),
                server.requests.get(1));
        assertEquals(1, server.connections.get(), "a 304 leaves the connection reusable");
        assertThrows(
                IOException.class,
                () -> KeepAliveHttp.get(
                        server.uri("/x"), null, java.util.Map.of("If-None-Match", "a\r\nX: y"), TIMEOUT, 100));
    }

    @Test
    void readsChunkedBodies() throws Exception {
        server = new ScriptedServer(
                path -> answer("200 OK", "Transfer-Encoding: chunked", "3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"),
                false);
        assertArrayEquals(
                bytes("abcde"),
                KeepAliveHttp.get(server.uri("/c"), null, TIMEOUT, 100).body());
    }

    @Test
    void aStatusOtherThan200HasNoBodyAndAConnectionCloseIsHonoured() throws Exception {
        server = new ScriptedServer(
                path -> answer("404 Not Found", "Content-Length: 3\r\nConnection: close", "no!"), true);
        KeepAliveHttp.Response r = KeepAliveHttp.get(server.uri("/x"), null, TIMEOUT, 100);
        assertEquals(404, r.status());
        assertNull(r.body());
        KeepAliveHttp.get(server.uri("/y"), null, TIMEOUT, 100);
        assertEquals(2, server.connections.get(), "a closed connection is not pooled");
    }

    @Test
    void aPooledConnectionTheServerClosedIsRetriedOnANewOne() throws Exception {
        // answers once per connection, then closes it: the pooled connection is stale at the second request
        server = new ScriptedServer(path -> answer("200 OK", "Content-Length: 2", "ok"), true);
        KeepAliveHttp.get(server.uri("/1"), null, TIMEOUT, 100);
        assertArrayEquals(
                bytes("ok"),
                KeepAliveHttp.get(server.uri("/2"), null, TIMEOUT, 100).body());
        assertEquals(2, server.connections.get());
    }

    @Test
    void redirectsAndContentEncodingsAreLeftToTheJdkClient() throws Exception {
        server = new ScriptedServer(
                path -> path.equals("/moved")
                        ? answer("302 Found", "Location: /elsewhere\r\nContent-Length: 0", "")
                        : answer("200 OK", "Content-Encoding: gzip\r\nContent-Length: 1", "z"),
                false);
        assertThrows(
                KeepAliveHttp.Unsupported.class, () -> KeepAliveHttp.get(server.uri("/moved"), null, TIMEOUT, 100));
        assertThrows(KeepAliveHttp.Unsupported.class, () -> KeepAliveHttp.get(server.uri("/gz"), null, TIMEOUT, 100));
    }

    @Test
    void aBodyOverTheLimitIsRefused() throws Exception {
        server = new ScriptedServer(
                path -> path.equals("/declared")
                        ? answer("200 OK", "Content-Length: 1000", "x".repeat(1000))
                        : answer(
                                "200 OK", "Transfer-Encoding: chunked", "3e8\r\n" + "x".repeat(1000) + "\r\n0\r\n\r\n"),
                false);
        assertThrows(KeepAliveHttp.TooLarge.class, () -> KeepAliveHttp.get(server.uri("/declared"), null, TIMEOUT, 10));
        assertThrows(KeepAliveHttp.TooLarge.class, () -> KeepAliveHttp.get(server.uri("/chunked"), null, TIMEOUT, 10));
    }

    @Test
    void aServerThatDoesNotAnswerTimesOut() throws Exception {
        server = new ScriptedServer(path -> null, false);
        assertThrows(
                SocketTimeoutException.class,
                () -> KeepAliveHttp.get(server.uri("/slow"), null, Duration.ofMillis(200), 100));
    }

    private static String answer(String status, String headers, String body) {
        return "HTTP/1.1 " + status + "\r\n" + headers + "\r\n\r\n" + body;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Answers each request line with the script's text (null: never answers); optionally closes the connection after
     * one answer, silently or not.
     */
    private static final class ScriptedServer implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger connections = new AtomicInteger();
        final List<String> paths = new CopyOnWriteArrayList<>();
        final List<String> requests = new CopyOnWriteArrayList<>();
        private final List<Socket> open = new CopyOnWriteArrayList<>();

        ScriptedServer(Function<String, String> script, boolean closeAfterOne) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        open.add(s);
                        connections.incrementAndGet();
                        Thread c = new Thread(() -> serve(s, script, closeAfterOne));
                        c.setDaemon(true);
                        c.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        private void serve(Socket s, Function<String, String> script, boolean closeAfterOne) {
            try (s;
                    BufferedReader in =
                            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))) {
                OutputStream out = s.getOutputStream();
                while (true) {
                    String requestLine = in.readLine();
                    if (requestLine == null) {
                        return;
                    }
                    StringBuilder request = new StringBuilder(requestLine).append("\r\n");
                    for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
                        request.append(h).append("\r\n");
                    }
                    String path = requestLine.split(" ")[1];
                    paths.add(path);
                    requests.add(request.toString());
                    String answer = script.apply(path);
                    if (answer == null) {
                        Thread.sleep(60_000);
                        return;
                    }
                    out.write(answer.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    if (closeAfterOne) {
                        return;
                    }
                }
            } catch (IOException | InterruptedException e) {
                // the test is over or the client went away
            }
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }
}
