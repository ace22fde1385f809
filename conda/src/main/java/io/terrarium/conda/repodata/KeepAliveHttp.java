package io.terrarium.conda.repodata;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Makes plain HTTP/1.1 GET requests for small files (CEP 16 shards and shard indexes) over keep-alive connections
 * pooled per origin, on the calling thread.
 *
 * <p>Why not the JDK's {@code HttpClient} for these: a solve fetches tens to hundreds of shards of a few KB each, and
 * the JDK client passes every request between the caller, its selector thread and its executor. Measured on loopback
 * against the test server, that costs about 1 ms of CPU per request, five times what one write and one read on a
 * pooled socket cost, and each hand-off waits for a core when the machine is busy. Only the simple case is handled
 * here: a direct connection (no proxy the default {@link ProxySelector} names), {@code http} or {@code https} with the
 * JVM's default TLS settings and host name verification, an identity-encoded answer. Anything else, a redirect for
 * example, throws {@link Unsupported} and the caller takes the JDK client. The pool is shared by the JVM: connections
 * idle longer than {@value #IDLE_MILLIS} ms are closed when next looked at, at most {@value #MAX_IDLE} are kept per
 * origin. Thread-safe.
 */
final class KeepAliveHttp {
    static final int MAX_IDLE = 16;
    static final long IDLE_MILLIS = 15_000;
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final Map<String, ConcurrentLinkedDeque<Connection>> IDLE = new ConcurrentHashMap<>();

    /** A status, for 200 the body, and the validators a cache keeps ({@code null} when not sent). */
    record Response(int status, byte[] body, String etag, String lastModified) {}

    /** The request needs what this client does not do (a proxy, a redirect, a content encoding): use another. */
    static final class Unsupported extends IOException {
        Unsupported(String message) {
            super(message);
        }
    }

    /** The body is longer than allowed (declared or read). */
    static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    private KeepAliveHttp() {}

    /**
     * GETs {@code uri}. A pooled connection the server closed meanwhile is retried once on a new one (GET is
     * idempotent).
     *
     * @param authorization an {@code Authorization} header value, or null
     * @param maxBytes      the largest body accepted
     * @throws Unsupported           when the request needs the JDK client
     * @throws TooLarge              when the body exceeds {@code maxBytes}
     * @throws SocketTimeoutException when connecting or a read takes longer than {@code timeout}
     * @throws IOException           when the connection fails or the answer is not HTTP/1.x
     */
    static Response get(URI uri, String authorization, Duration timeout, long maxBytes) throws IOException {
        return get(uri, authorization, Map.of(), timeout, maxBytes);
    }

    /**
     * GETs {@code uri} with extra request headers (a conditional request's {@code If-None-Match} and
     * {@code If-Modified-Since}); a {@code 304} answer has no body.
     *
     * @see #get(URI, String, Duration, long)
     */
    static Response get(URI uri, String authorization, Map<String, String> headers, Duration timeout, long maxBytes)
            throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Unsupported("scheme " + scheme);
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new Unsupported("no plain host");
        }
        if (!direct(uri)) {
            throw new Unsupported("a proxy is configured for " + uri.getHost());
        }
        if (authorization != null && (authorization.indexOf('\r') >= 0 || authorization.indexOf('\n') >= 0)) {
            throw new IOException("invalid Authorization header");
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!h.getKey().matches("[A-Za-z0-9-]+")
                    || h.getValue().indexOf('\r') >= 0
                    || h.getValue().indexOf('\n') >= 0) {
                throw new IOException("invalid request header " + h.getKey());
            }
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String origin = scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        byte[] request = request(uri, port, scheme, authorization, headers);
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        Connection pooled = checkOut(origin);
        if (pooled != null) {
            try {
                return exchange(pooled, origin, request, maxBytes, millis);
            } catch (Stale e) {
                // the server closed the idle connection before our request reached it: ask once more, afresh
            }
        }
        Connection fresh = Connection.open(scheme, uri.getHost(), port, millis);
        try {
            return exchange(fresh, origin, request, maxBytes, millis);
        } catch (Stale e) {
            throw new EOFException("the server closed the connection without answering");
        }
    }

    /** The connection ended before the first byte of an answer: nothing was received, the request can be repeated. */
    private static final class Stale extends IOException {}

    private static Response exchange(Connection c, String origin, byte[] request, long maxBytes, int millis)
            throws IOException {
        boolean reusable = false;
        try {
            c.socket.setSoTimeout(millis);
            try {
                c.out.write(request);
                c.out.flush();
            } catch (IOException e) {
                throw stale(e);
            }
            int first;
            try {
                first = c.in.read();
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                throw stale(e);
            }
            if (first < 0) {
                throw new Stale();
            }
            String statusLine = (char) first + line(c.in);
            if (!statusLine.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x answer: " + abbreviate(statusLine));
            }
            int status = status(statusLine);
            boolean keepAlive = !statusLine.startsWith("HTTP/1.0");
            long length = -1;
            boolean chunked = false;
            String etag = null;
            String lastModified = null;
            int headerBytes = statusLine.length();
            for (String h = line(c.in); !h.isEmpty(); h = line(c.in)) {
                headerBytes += h.length();
                if (headerBytes > MAX_HEADER_BYTES) {
                    throw new IOException("answer headers longer than " + MAX_HEADER_BYTES + " bytes");
                }
                int colon = h.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = parseLength(value);
                    case "transfer-encoding" ->
                        chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> {
                        String v = value.toLowerCase(Locale.ROOT);
                        keepAlive = v.contains("keep-alive") || (keepAlive && !v.contains("close"));
                    }
                    case "content-encoding" -> {
                        if (!value.equalsIgnoreCase("identity")) {
                            throw new Unsupported("content encoding " + value);
                        }
                    }
                    case "etag" -> etag = value;
                    case "last-modified" -> lastModified = value;
                    default -> {
                        // nothing else matters to a cache of static files
                    }
                }
            }
            if (status >= 100 && status < 200) {
                throw new Unsupported("interim answer " + status);
            }
            if (status >= 300 && status < 400 && status != 304) {
                throw new Unsupported("redirect " + status);
            }
            if (length > maxBytes) {
                throw new TooLarge("the server declares " + length + " bytes");
            }
            byte[] body;
            if (status == 204 || status == 304) {
                body = new byte[0];
            } else if (chunked) {
                body = chunked(c.in, maxBytes);
            } else if (length >= 0) {
                body = c.in.readNBytes((int) length);
                if (body.length < length) {
                    throw new EOFException("the answer ended after " + body.length + " of " + length + " bytes");
                }
            } else {
                body = upToEnd(c.in, maxBytes);
                keepAlive = false;
            }
            reusable = keepAlive;
            return new Response(status, status == 200 ? body : null, etag, lastModified);
        } finally {
            if (reusable) {
                checkIn(origin, c);
            } else {
                c.close();
            }
        }
    }

    private static Stale stale(IOException cause) {
        Stale s = new Stale();
        s.initCause(cause);
        return s;
    }

    private static boolean direct(URI uri) {
        ProxySelector selector = ProxySelector.getDefault();
        if (selector == null) {
            return true;
        }
        List<Proxy> proxies = selector.select(uri);
        return proxies == null || proxies.isEmpty() || proxies.get(0).type() == Proxy.Type.DIRECT;
    }

    private static byte[] request(URI uri, int port, String scheme, String authorization, Map<String, String> headers)
            throws IOException {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        boolean defaultPort = port == (scheme.equals("https") ? 443 : 80);
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[")
                ? "[" + uri.getHost() + "]"
                : uri.getHost();
        StringBuilder r = new StringBuilder(256)
                .append("GET ")
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append(defaultPort ? "" : ":" + port)
                .append("\r\nUser-Agent: terrarium-conda\r\nAccept-Encoding: identity\r\n");
        if (authorization != null) {
            r.append("Authorization: ").append(authorization).append("\r\n");
        }
        headers.forEach(
                (name, value) -> r.append(name).append(": ").append(value).append("\r\n"));
        String text = r.append("\r\n").toString();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7e) {
                throw new IOException("a non-ASCII character in the request");
            }
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static int status(String statusLine) throws IOException {
        int sp = statusLine.indexOf(' ');
        if (sp < 0 || statusLine.length() < sp + 4) {
            throw new IOException("invalid status line: " + abbreviate(statusLine));
        }
        try {
            return Integer.parseInt(statusLine.substring(sp + 1, sp + 4));
        } catch (NumberFormatException e) {
            throw new IOException("invalid status line: " + abbreviate(statusLine), e);
        }
    }

    private static long parseLength(String value) throws IOException {
        try {
            long n = Long.parseLong(value);
            if (n < 0) {
                throw new IOException("negative Content-Length");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IOException("invalid Content-Length: " + abbreviate(value), e);
        }
    }

    /** One header line without its CR LF (ISO-8859-1, as HTTP headers are). */
    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the answer ended inside its headers");
            }
            if (b == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            if (sb.length() >= MAX_HEADER_BYTES) {
                throw new IOException("an answer header line longer than " + MAX_HEADER_BYTES + " bytes");
            }
            sb.append((char) b);
        }
    }

    private static byte[] chunked(InputStream in, long maxBytes) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
        while (true) {
            String sizeLine = line(in);
            int semi = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("invalid chunk size: " + abbreviate(sizeLine), e);
            }
            if (size == 0) {
                for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
                    // trailers carry nothing an immutable file needs
                }
                return body.toByteArray();
            }
            if (size < 0 || body.size() + size > maxBytes) {
                throw new TooLarge("the body exceeds " + maxBytes + " bytes");
            }
            byte[] chunk = in.readNBytes((int) size);
            if (chunk.length < size) {
                throw new EOFException("the answer ended inside a chunk");
            }
            body.write(chunk);
            if (!line(in).isEmpty()) {
                throw new IOException("a chunk is not followed by CR LF");
            }
        }
    }

    private static byte[] upToEnd(InputStream in, long maxBytes) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
        if (body.length > maxBytes) {
            throw new TooLarge("the body exceeds " + maxBytes + " bytes");
        }
        return body;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    private static Connection checkOut(String origin) {
        ConcurrentLinkedDeque<Connection> idle = IDLE.get(origin);
        if (idle == null) {
            return null;
        }
        long now = System.currentTimeMillis();
        for (Connection c = idle.pollFirst(); c != null; c = idle.pollFirst()) {
            if (now - c.idleSince < IDLE_MILLIS && !c.socket.isClosed()) {
                return c;
            }
            c.close(); // servers drop idle connections after a while: do not bet a request on an old one
        }
        return null;
    }

    private static void checkIn(String origin, Connection c) {
        ConcurrentLinkedDeque<Connection> idle = IDLE.computeIfAbsent(origin, o -> new ConcurrentLinkedDeque<>());
        if (idle.size() >= MAX_IDLE) {
            c.close();
            return;
        }
        c.idleSince = System.currentTimeMillis();
        idle.offerFirst(c); // the most recently used first: the least likely to have been closed by the server
    }

    /** One open connection and its buffered streams. */
    private static final class Connection {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        volatile long idleSince;

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            this.out = socket.getOutputStream();
        }

        static Connection open(String scheme, String host, int port, int timeoutMillis) throws IOException {
            Socket raw = new Socket();
            try {
                raw.setTcpNoDelay(true); // a request is written at once: do not wait for an ACK before sending it
                raw.connect(new InetSocketAddress(host, port), timeoutMillis);
                if (!scheme.equals("https")) {
                    return new Connection(raw);
                }
                SSLSocket tls = (SSLSocket)
                        ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(raw, host, port, true);
                SSLParameters params = tls.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS"); // check the certificate names this host
                tls.setSSLParameters(params);
                tls.setSoTimeout(timeoutMillis);
                tls.startHandshake();
                return new Connection(tls);
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a connection we are done with: nothing to do about a failure
            }
        }
    }
}
