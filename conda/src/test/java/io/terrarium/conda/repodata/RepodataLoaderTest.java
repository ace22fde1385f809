package io.terrarium.conda.repodata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepodataLoaderTest {
    @TempDir
    Path tmp;

    private HttpServer server;
    private Path served;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> conditionalHeaders = new ConcurrentHashMap<>();
    private final Map<String, Integer> forcedStatus = new ConcurrentHashMap<>();
    private volatile boolean gzip;

    static Path data(String rel) {
        return RepodataParserTest.data(rel);
    }

    ChannelConfig config() {
        return ChannelConfig.fromEnvironment(Map.of()).withCacheDir(tmp.resolve("cache"));
    }

    @BeforeEach
    void startServer() throws IOException {
        served = Files.createDirectories(tmp.resolve("www"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void serve(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.add(path);
        String inm = ex.getRequestHeaders().getFirst("If-None-Match");
        String ims = ex.getRequestHeaders().getFirst("If-Modified-Since");
        if (inm != null) {
            conditionalHeaders.put(path, inm + " | " + ims);
        }
        Integer forced = forcedStatus.get(path);
        boolean authorized = true;
        if (path.startsWith("/t/")) {
            authorized = path.startsWith("/t/secret/");
            path = path.substring(path.indexOf('/', 3));
        }
        if (path.startsWith("/basic/")) {
            authorized = "Basic dTpwQHNz".equals(ex.getRequestHeaders().getFirst("Authorization")); // u:p@ss
        }
        Path file = served.resolve(path.substring(1));
        try (ex) {
            if (!authorized) {
                ex.sendResponseHeaders(401, -1);
                return;
            }
            if (forced != null) {
                ex.sendResponseHeaders(forced, -1);
                return;
            }
            if (!Files.isRegularFile(file)) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = Files.readAllBytes(file);
            String etag = "\""
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 8) + "\"";
            ex.getResponseHeaders().set("ETag", etag);
            ex.getResponseHeaders().set("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT");
            if (etag.equals(inm)) {
                ex.sendResponseHeaders(304, -1);
                return;
            }
            if (gzip
                    && String.valueOf(ex.getRequestHeaders().getFirst("Accept-Encoding"))
                            .contains("gzip")) {
                ex.getResponseHeaders().set("Content-Encoding", "gzip");
                ex.sendResponseHeaders(200, 0);
                try (OutputStream out = new GZIPOutputStream(ex.getResponseBody())) {
                    out.write(body);
                }
                return;
            }
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void publish(String channel, String subdir, String json) throws IOException {
        Path dir = Files.createDirectories(served.resolve(channel).resolve(subdir));
        Files.writeString(dir.resolve("repodata.json"), json);
    }

    private static String oneRecord(String name, String version) {
        return "{\"info\": {\"subdir\": \"linux-64\"}, \"packages\": {\"" + name + "-" + version + "-0.tar.bz2\": "
                + "{\"name\": \"" + name + "\", \"version\": \"" + version + "\", \"build\": \"0\"}}}";
    }

    @Test
    void localDirectoryChannelWithMissingNoarchIsFine() {
        Channel dummy = Channel.parse(data("rattler/test-data/channels/dummy").toString(), config());
        RepoIndex idx = RepoIndex.load(List.of(dummy), Platform.LINUX_64, config());
        assertEquals(24, idx.size());
        assertEquals(List.of(dummy.url()), idx.channelUrls());
        for (String name : idx.names()) {
            for (PackageRecord r : idx.recordsNamed(name)) {
                assertEquals(dummy.url(), r.channel());
                assertEquals(0, idx.channelRank(r));
                assertTrue(r.url().startsWith(dummy.url() + "/linux-64/"), r.url());
            }
        }
    }

    @Test
    void platformSubdirAndNoarchAreMergedAcrossChannelsInPriorityOrder() {
        ChannelConfig cfg = config();
        Channel a =
                Channel.parse(data("mamba/micromamba/tests/channel_a").toUri().toString(), cfg);
        Channel b = Channel.parse(data("mamba/micromamba/tests/channel_b").toString(), cfg);
        RepoIndex idx = RepoIndex.load(List.of(b, a), Platform.LINUX_64, cfg);
        assertEquals(3 + 2 + 1, idx.size());
        assertEquals(List.of(b.url(), a.url()), idx.channelUrls());
        for (String name : idx.names()) {
            for (PackageRecord r : idx.recordsNamed(name)) {
                assertEquals(r.channel().equals(b.url()) ? 0 : 1, idx.channelRank(r));
            }
        }
        Set<String> subdirs = new java.util.HashSet<>();
        idx.names().forEach(n -> idx.recordsNamed(n).forEach(r -> subdirs.add(r.subdir())));
        assertEquals(Set.of("linux-64", "noarch"), subdirs);
        RepoIndex twice = RepoIndex.load(List.of(b, a, b), Platform.LINUX_64, cfg);
        assertEquals(List.of(b.url(), a.url()), twice.channelUrls(), "a repeated channel keeps its first rank");
        assertEquals(idx.size(), twice.size());
        RepoIndex win = RepoIndex.load(List.of(a), Platform.WIN_64, cfg);
        assertEquals(3 + 2, win.size());
    }

    @Test
    void compressedLocalRepodataIsRead() throws IOException {
        byte[] json = Files.readAllBytes(data("rattler/test-data/channels/dummy/linux-64/repodata.json"));
        Path zst = Files.createDirectories(tmp.resolve("zst/linux-64"));
        try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(zst.resolve("repodata.json.zst")))) {
            out.write(json);
        }
        Path bz2 = Files.createDirectories(tmp.resolve("bz2/noarch"));
        try (OutputStream out =
                new BZip2CompressorOutputStream(Files.newOutputStream(bz2.resolve("repodata.json.bz2")))) {
            out.write(json);
        }
        ChannelConfig cfg = config();
        assertEquals(
                24,
                RepoIndex.load(List.of(Channel.parse(tmp.resolve("zst").toString(), cfg)), Platform.LINUX_64, cfg)
                        .size());
        assertEquals(
                24,
                RepoIndex.load(List.of(Channel.parse(tmp.resolve("bz2").toString(), cfg)), Platform.OSX_ARM64, cfg)
                        .size());
    }

    @Test
    void channelWithNeitherSubdirIsNotFound() {
        ChannelConfig cfg = config();
        Channel missing = Channel.parse(tmp.resolve("nothing-here").toString(), cfg);
        ChannelNotFoundException e = assertThrows(
                ChannelNotFoundException.class, () -> RepoIndex.load(List.of(missing), Platform.LINUX_64, cfg));
        assertTrue(e.getMessage().contains(missing.url() + "/linux-64/repodata.json"), e.getMessage());
        assertTrue(e.getMessage().contains(missing.url() + "/noarch/repodata.json"), e.getMessage());
        Channel onlyOsx = Channel.parse(data("conda/base_url_channel").toString(), cfg);
        assertEquals(
                0,
                RepoIndex.load(List.of(onlyOsx), Platform.LINUX_AARCH64, cfg).size(),
                "noarch exists (empty): the channel exists");
    }

    @Test
    void malformedLocalRepodataNamesTheFile() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bad/noarch"));
        Files.writeString(dir.resolve("repodata.json"), "{\"packages\": {\n  \"a-1-0.tar.bz2\": {\"name\": }\n}}");
        ChannelConfig cfg = config();
        RepodataException e = assertThrows(
                RepodataException.class,
                () -> RepoIndex.load(
                        List.of(Channel.parse(tmp.resolve("bad").toString(), cfg)), Platform.LINUX_64, cfg));
        assertTrue(
                e.getMessage().contains(dir.resolve("repodata.json").toString() + " at line 2, column"),
                e.getMessage());
    }

    @Test
    void httpFetchIsCachedAndRevalidatedWithEtag() throws IOException {
        publish("ch", "linux-64", oneRecord("a", "1"));
        ChannelConfig cfg = config();
        Channel ch = Channel.parse(baseUrl() + "/ch", cfg);
        RepoIndex first = RepoIndex.load(List.of(ch), Platform.LINUX_64, cfg);
        assertEquals(1, first.size());
        PackageRecord a = first.recordsNamed("a").get(0);
        assertEquals(baseUrl() + "/ch/linux-64/a-1-0.tar.bz2", a.url());
        assertEquals(baseUrl() + "/ch", a.channel());
        assertEquals(
                2,
                requests.stream().filter(r -> r.endsWith("/repodata.json")).count(),
                "linux-64 and noarch: " + requests);
        assertEquals(8, requests.size(), "shard index, .zst, .bz2 asked once, each 404: " + requests);
        assertTrue(conditionalHeaders.isEmpty(), "nothing cached yet: " + conditionalHeaders);

        requests.clear();
        RepoIndex second = RepoIndex.load(List.of(ch), Platform.LINUX_64, cfg);
        assertEquals(1, second.size());
        assertEquals(
                List.of("/ch/linux-64/repodata.json", "/ch/noarch/repodata.json"),
                requests.stream().sorted().toList(),
                "the forms the server lacks are remembered");
        String sent = conditionalHeaders.get("/ch/linux-64/repodata.json");
        assertTrue(
                sent != null && sent.startsWith("\"") && sent.endsWith("| Wed, 21 Oct 2015 07:28:00 GMT"),
                "If-None-Match and If-Modified-Since sent: " + sent);
        assertNull(conditionalHeaders.get("/ch/noarch/repodata.json"), "a known 404 is fetched unconditionally");
        try (Stream<Path> files = Files.list(cfg.cacheDir())) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertEquals(1, names.stream().filter(n -> n.endsWith(".json")).count(), "one body: " + names);
            assertTrue(names.stream().noneMatch(n -> n.endsWith(".part")), "no temp files: " + names);
        }

        publish("ch", "linux-64", oneRecord("a", "2"));
        RepoIndex third = RepoIndex.load(List.of(ch), Platform.LINUX_64, cfg);
        assertEquals("2", third.recordsNamed("a").get(0).versionText(), "changed ETag gives the new body");
        try (Stream<Path> files = Files.list(cfg.cacheDir())) {
            assertEquals(1, files.filter(p -> p.toString().endsWith(".json")).count(), "old body removed");
        }
    }

    @Test
    void offlineModeServesTheCacheWithoutRequests() throws IOException {
        publish("ch", "noarch", oneRecord("n", "1"));
        ChannelConfig cfg = config();
        Channel ch = Channel.parse(baseUrl() + "/ch", cfg);
        RepoIndex.load(List.of(ch), Platform.LINUX_64, cfg);
        requests.clear();
        RepoIndex offline = RepoIndex.load(List.of(ch), Platform.LINUX_64, cfg.withOffline(true));
        assertEquals(1, offline.size());
        assertEquals(List.of(), requests);
        RepodataException e = assertThrows(
                RepodataException.class, () -> RepoIndex.load(List.of(ch), Platform.OSX_64, cfg.withOffline(true)));
        assertTrue(
                e.getMessage().contains("offline") && e.getMessage().contains("/ch/osx-64/repodata.json"),
                e.getMessage());
    }

    @Test
    void gzipContentEncodingIsDecoded() throws IOException {
        gzip = true;
        publish("gz", "linux-64", oneRecord("g", "1"));
        ChannelConfig cfg = config();
        assertEquals(
                1,
                RepoIndex.load(List.of(Channel.parse(baseUrl() + "/gz", cfg)), Platform.LINUX_64, cfg)
                        .size());
    }

    @Test
    void missingSubdirOverHttpIsEmptyButAMissingChannelIsAnError() throws IOException {
        publish("only-noarch", "noarch", oneRecord("n", "1"));
        ChannelConfig cfg = config();
        assertEquals(
                1,
                RepoIndex.load(List.of(Channel.parse(baseUrl() + "/only-noarch", cfg)), Platform.LINUX_64, cfg)
                        .size());
        ChannelNotFoundException e = assertThrows(
                ChannelNotFoundException.class,
                () -> RepoIndex.load(List.of(Channel.parse(baseUrl() + "/nope", cfg)), Platform.LINUX_64, cfg));
        assertTrue(e.getMessage().contains(baseUrl() + "/nope/linux-64/repodata.json"), e.getMessage());
    }

    @Test
    void serverErrorFailsTheLoadNamingTheUrl() throws IOException {
        publish("err", "noarch", oneRecord("n", "1"));
        forcedStatus.put("/err/linux-64/repodata.json", 500);
        ChannelConfig cfg = config();
        RepodataException e = assertThrows(
                RepodataException.class,
                () -> RepoIndex.load(List.of(Channel.parse(baseUrl() + "/err", cfg)), Platform.LINUX_64, cfg));
        assertEquals("cannot fetch " + baseUrl() + "/err/linux-64/repodata.json: HTTP 500", e.getMessage());
    }

    @Test
    void tokenAndPasswordChannelsFetchWithCredentialsButNeverStoreThem() throws IOException {
        publish("priv", "noarch", oneRecord("p", "1"));
        publish("basic", "noarch", oneRecord("b", "1"));
        ChannelConfig cfg = config();
        String port = String.valueOf(server.getAddress().getPort());
        Channel token = Channel.parse("http://127.0.0.1:" + port + "/t/secret/priv", cfg);
        Channel basic = Channel.parse("http://u:p%40ss@127.0.0.1:" + port + "/basic", cfg);
        RepoIndex idx = RepoIndex.load(List.of(token, basic), Platform.LINUX_64, cfg);
        PackageRecord p = idx.recordsNamed("p").get(0);
        assertEquals(baseUrl() + "/priv/noarch/p-1-0.tar.bz2", p.url());
        assertEquals(baseUrl() + "/priv", p.channel());
        assertEquals(baseUrl() + "/t/secret/priv/noarch/p-1-0.tar.bz2", token.authenticatedUrl(p.url()));
        assertEquals(
                baseUrl() + "/basic/noarch/b-1-0.tar.bz2",
                idx.recordsNamed("b").get(0).url());
        assertTrue(requests.contains("/t/secret/priv/noarch/repodata.json"), requests.toString());

        Channel wrong = Channel.parse("http://127.0.0.1:" + port + "/t/wrong/priv", cfg);
        RepodataException e =
                assertThrows(RepodataException.class, () -> RepoIndex.load(List.of(wrong), Platform.NOARCH, cfg));
        assertTrue(
                e.getMessage().startsWith("cannot fetch " + baseUrl() + "/priv/noarch/repodata.json: HTTP 401"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("wrong"), "no token in messages: " + e.getMessage());
    }

    @Test
    void unreachableChannelIsAClearError() {
        String url = baseUrl() + "/ch";
        server.stop(0);
        ChannelConfig cfg = config();
        RepodataException e = assertThrows(
                RepodataException.class,
                () -> RepoIndex.load(List.of(Channel.parse(url, cfg)), Platform.LINUX_64, cfg));
        assertTrue(e.getMessage().startsWith("cannot reach " + url + "/"), e.getMessage());
    }

    @Test
    void malformedHttpRepodataNamesTheUrl() throws IOException {
        publish("broken", "noarch", "{\"packages\": [}");
        ChannelConfig cfg = config();
        RepodataException e = assertThrows(
                RepodataException.class,
                () -> RepoIndex.load(List.of(Channel.parse(baseUrl() + "/broken", cfg)), Platform.NOARCH, cfg));
        assertTrue(e.getMessage().contains(baseUrl() + "/broken/noarch/repodata.json at line 1"), e.getMessage());
    }

    @Test
    void fileUrlChannelWithRelativeBaseUrl() {
        ChannelConfig cfg = config();
        Channel ch =
                Channel.parse(data("rattler/test-data/channels/dummy").toUri().toString(), cfg);
        RepoIndex idx = RepoIndex.load(List.of(ch), Platform.LINUX_64, cfg);
        PackageRecord r = idx.recordsNamed("cuda-version").get(0);
        assertEquals(ch.url() + "/linux-64/cuda-version-12.5-hd4f0392_3.conda", r.url());
        assertEquals("linux-64", r.subdir(), "the directory's subdir, as conda sets it");
    }

    @Test
    void cacheWritesAreAtomicPairs() throws IOException {
        publish("ch", "noarch", oneRecord("n", "1"));
        ChannelConfig cfg = config();
        RepoIndex.load(List.of(Channel.parse(baseUrl() + "/ch", cfg)), Platform.NOARCH, cfg);
        String key = HttpRepodataCache.key(baseUrl() + "/ch/noarch/repodata.json");
        Path meta = cfg.cacheDir().resolve(key + ".meta");
        String text = Files.readString(meta, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("etag=") && text.contains("body=" + key + "."), text);
    }

    @Test
    void aCompressedRepodataBombStopsAtTheDecompressedLimit() throws IOException {
        String json = oneRecord("b", "1");
        String padded = json.substring(0, json.length() - 1) + " ".repeat(512 * 1024) + "}";
        Path dir = Files.createDirectories(served.resolve("bomb/linux-64"));
        try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(dir.resolve("repodata.json.zst")))) {
            out.write(padded.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        ChannelConfig cfg = config().withRepodataLimits(1L << 20, 256 * 1024);
        RepodataException e = assertThrows(
                RepodataException.class,
                () -> RepoIndex.load(List.of(Channel.parse(baseUrl() + "/bomb", cfg)), Platform.LINUX_64, cfg));
        assertTrue(
                e.getMessage()
                        .contains("the decompressed body of " + baseUrl() + "/bomb/linux-64/repodata.json.zst"
                                + " is larger than the limit of 262144 bytes"),
                e.getMessage());
        assertTrue(
                RepoIndex.load(List.of(Channel.parse(baseUrl() + "/bomb", config())), Platform.LINUX_64, config())
                                .size()
                        == 1,
                "the default limits allow it");
    }

    @Test
    void aRepodataDownloadDeclaredBeyondTheLimitIsNotRead() throws IOException {
        String json = oneRecord("big", "1");
        publish("big", "linux-64", json.substring(0, json.length() - 1) + " ".repeat(64 * 1024) + "}");
        ChannelConfig cfg = config().withRepodataLimits(16 * 1024, 1L << 20);
        RepodataException e = assertThrows(
                RepodataException.class,
                () -> RepoIndex.load(List.of(Channel.parse(baseUrl() + "/big", cfg)), Platform.LINUX_64, cfg));
        assertTrue(e.getMessage().contains("the server declares"), e.getMessage());
        assertTrue(e.getMessage().contains("more than the limit of 16384 bytes"), e.getMessage());
    }

    @Test
    void aStreamedRepodataDownloadStopsAtTheLimit() throws IOException {
        gzip = true; // sent chunked, without a Content-Length to check first
        String json = oneRecord("chunked", "1");
        publish("chunked", "linux-64", json.substring(0, json.length() - 1) + " ".repeat(256 * 1024) + "}");
        ChannelConfig cfg = config().withRepodataLimits(1L << 20, 64 * 1024);
        RepodataException e = assertThrows(
                RepodataException.class,
                () -> RepoIndex.load(List.of(Channel.parse(baseUrl() + "/chunked", cfg)), Platform.LINUX_64, cfg));
        assertTrue(e.getMessage().contains("is larger than the limit of 65536 bytes"), e.getMessage());
    }

    @Test
    void aLocalBz2BombStopsAtTheDecompressedLimit() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("localbomb/linux-64"));
        String json = oneRecord("l", "1");
        try (OutputStream out =
                new BZip2CompressorOutputStream(Files.newOutputStream(dir.resolve("repodata.json.bz2")))) {
            out.write((json.substring(0, json.length() - 1) + " ".repeat(512 * 1024) + "}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        ChannelConfig cfg = config().withRepodataLimits(1L << 20, 128 * 1024);
        RepodataException e = assertThrows(
                RepodataException.class,
                () -> RepoIndex.load(
                        List.of(Channel.parse(tmp.resolve("localbomb").toString(), cfg)), Platform.LINUX_64, cfg));
        assertTrue(e.getMessage().contains("larger than the limit of 131072 bytes"), e.getMessage());
    }
}
