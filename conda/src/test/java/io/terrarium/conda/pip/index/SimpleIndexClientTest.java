package io.terrarium.conda.pip.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.pip.fixture.LoopbackIndex;
import io.terrarium.conda.pip.fixture.WheelBuilder;
import io.terrarium.conda.pip.requirement.PackageName;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Index clients against a real loopback server: JSON and HTML pages, caching, credentials, trusted hosts. */
class SimpleIndexClientTest {
    @TempDir
    Path tmp;

    private LoopbackIndex index() throws Exception {
        LoopbackIndex index = new LoopbackIndex();
        index.add("Pkg_A", WheelBuilder.wheel("pkg-a", "1.0").requiresPython(">=3.8"), tmp.resolve("w"));
        index.add("pkg-a", WheelBuilder.wheel("pkg-a", "1.1").requiresDist("pkg-c>=1"), tmp.resolve("w"), "broken");
        index.addFile("pkg-a", "pkg-a-1.2.tar.gz", "sdist".getBytes(StandardCharsets.UTF_8));
        return index;
    }

    private static SimpleIndexClient client(String url, Path cache) {
        return new SimpleIndexClient(new HttpSource(new IndexConfig(url, List.of(), Set.of(), cache)));
    }

    @Test
    void readsPep691JsonWithCoreMetadata() throws Exception {
        try (LoopbackIndex index = index()) {
            SimpleIndexClient c = client(index.jsonIndexUrl(), tmp.resolve("cache"));
            List<DistributionFile> files = c.project(PackageName.of("PKG.a")).files();
            assertEquals(
                    List.of("pkg_a-1.0-py3-none-any.whl", "pkg_a-1.1-py3-none-any.whl", "pkg-a-1.2.tar.gz"),
                    files.stream().map(DistributionFile::filename).toList());
            DistributionFile f = files.get(0);
            assertEquals("http://127.0.0.1:" + index.port() + "/files/pkg_a-1.0-py3-none-any.whl", f.url());
            assertEquals(64, f.sha256().length());
            assertEquals(">=3.8", f.requiresPython());
            assertTrue(f.hasMetadata());
            assertFalse(f.isYanked());
            assertEquals("broken", files.get(1).yanked());
            assertFalse(files.get(2).isWheel());
            assertFalse(files.get(2).hasMetadata());
            String md = new String(c.metadata(files.get(1)), StandardCharsets.UTF_8);
            assertTrue(md.contains("Requires-Dist: pkg-c>=1"), md);
        }
    }

    @Test
    void readsPep503HtmlWithTheSameFiles() throws Exception {
        try (LoopbackIndex index = index()) {
            List<DistributionFile> json = client(index.jsonIndexUrl(), null)
                    .project(PackageName.of("pkg-a"))
                    .files();
            List<DistributionFile> html = client(index.htmlIndexUrl(), null)
                    .project(PackageName.of("pkg-a"))
                    .files();
            assertEquals(json.size(), html.size());
            for (int i = 0; i < json.size(); i++) {
                assertEquals(json.get(i).filename(), html.get(i).filename());
                assertEquals(json.get(i).url(), html.get(i).url());
                assertEquals(json.get(i).sha256(), html.get(i).sha256());
                assertEquals(json.get(i).requiresPython(), html.get(i).requiresPython());
                assertEquals(json.get(i).yanked(), html.get(i).yanked());
                assertFalse(html.get(i).hasMetadata());
            }
        }
    }

    @Test
    void parsesHtmlAttributesEntitiesAndBase() {
        String html = "<html><head><base href=\"https://files.example/root/\"></head><body>"
                + "<a href=\"a/x-1.0-py3-none-any.whl#sha256=ABCD\" data-requires-python=\"&gt;=3.7,&lt;4\" "
                + "data-core-metadata=\"sha256=beef\" data-yanked>x-1.0-py3-none-any.whl</a>\n"
                + "<A HREF='https://other.example/x-0.9.tar.gz' data-dist-info-metadata=\"true\">x-0.9.tar.gz</A>"
                + "<a href=\"x-0.8.zip\" data-core-metadata=\"false\" data-yanked=\"bad &amp; old\">x-0.8.zip</a>"
                + "</body></html>";
        List<DistributionFile> files = SimpleHtmlPage.parse(
                html.getBytes(StandardCharsets.UTF_8), URI.create("https://index.example/simple/x/"));
        assertEquals(3, files.size());
        DistributionFile a = files.get(0);
        assertEquals("https://files.example/root/a/x-1.0-py3-none-any.whl", a.url());
        assertEquals("abcd", a.sha256());
        assertEquals(">=3.7,<4", a.requiresPython());
        assertTrue(a.hasMetadata());
        assertEquals("beef", a.metadataSha256());
        assertEquals("", a.yanked());
        assertEquals("https://other.example/x-0.9.tar.gz", files.get(1).url());
        assertTrue(files.get(1).hasMetadata());
        assertNull(files.get(1).metadataSha256());
        assertFalse(files.get(2).hasMetadata());
        assertEquals("bad & old", files.get(2).yanked());
    }

    @Test
    void revalidatesCachedPagesWithEtags() throws Exception {
        try (LoopbackIndex index = index()) {
            Path cache = tmp.resolve("cache");
            SimpleIndexClient c = client(index.jsonIndexUrl(), cache);
            HttpSource.Body first = c.http().getCached(index.jsonIndexUrl() + "/pkg-a/", SimpleIndexClient.ACCEPT);
            assertFalse(first.fromCache());
            HttpSource.Body second = client(index.jsonIndexUrl(), cache)
                    .http()
                    .getCached(index.jsonIndexUrl() + "/pkg-a/", SimpleIndexClient.ACCEPT);
            assertTrue(second.fromCache());
            assertEquals(1, index.notModified());
            assertEquals(
                    new String(first.body(), StandardCharsets.UTF_8),
                    new String(second.body(), StandardCharsets.UTF_8));
            assertEquals(2, index.hits("/json/simple/pkg-a/"));
            index.add("pkg-a", WheelBuilder.wheel("pkg-a", "2.0"), tmp.resolve("w"));
            HttpSource.Body third = c.http().getCached(index.jsonIndexUrl() + "/pkg-a/", SimpleIndexClient.ACCEPT);
            assertFalse(third.fromCache());
            assertTrue(new String(third.body(), StandardCharsets.UTF_8).contains("pkg_a-2.0"));
        }
    }

    @Test
    void mergesExtraIndexesAndSkipsThoseWithoutTheProject() throws Exception {
        try (LoopbackIndex main = index();
                LoopbackIndex extra = new LoopbackIndex()) {
            extra.add("pkg-a", WheelBuilder.wheel("pkg-a", "1.0"), tmp.resolve("other"));
            extra.add("pkg-a", WheelBuilder.wheel("pkg-a", "3.0"), tmp.resolve("other"));
            IndexConfig cfg = new IndexConfig(main.jsonIndexUrl(), List.of(extra.htmlIndexUrl()), Set.of(), null);
            List<DistributionFile> files = new SimpleIndexClient(new HttpSource(cfg))
                    .project(PackageName.of("pkg-a"))
                    .files();
            assertEquals(4, files.size());
            assertTrue(files.get(0).url().contains(":" + main.port() + "/"), "the first index's file wins");
            assertTrue(files.get(3).url().contains(":" + extra.port() + "/"));
            assertEquals(
                    0,
                    new SimpleIndexClient(new HttpSource(cfg))
                            .project(PackageName.of("nothing"))
                            .files()
                            .size());
        }
    }

    @Test
    void sendsUrlCredentialsAndRedactsThemEverywhere() throws Exception {
        try (LoopbackIndex index = index()) {
            index.requireAuth("alice", "s3cret");
            String good = index.jsonIndexUrl().replace("http://", "http://alice:s3cret@");
            assertEquals(
                    3,
                    client(good, null).project(PackageName.of("pkg-a")).files().size());
            String bad = index.jsonIndexUrl().replace("http://", "http://alice:wrong-pw@");
            IndexException e =
                    assertThrows(IndexException.class, () -> client(bad, null).project(PackageName.of("pkg-a")));
            assertTrue(e.getMessage().contains("alice:****@") && e.getMessage().contains("401"), e.getMessage());
            assertFalse(e.getMessage().contains("wrong-pw"), e.getMessage());
        }
        assertEquals(
                "see https://user:****@host/simple and http://****@x/",
                Redaction.redact("see https://user:pa%40ss@host/simple and http://tokenonly@x/"));
    }

    @Test
    void credentialsFollowTheirOriginOnlyAcrossRedirects() throws Exception {
        try (LoopbackIndex index = index();
                LoopbackIndex cdn = index()) {
            index.requireAuth("alice", "s3cret");
            String url = index.jsonIndexUrl().replace("http://", "http://alice:s3cret@");
            SimpleIndexClient c = client(url, tmp.resolve("cache"));
            DistributionFile f = c.project(PackageName.of("pkg-a")).files().get(0);
            Path target = tmp.resolve("dl/" + f.filename());
            c.http().download(f.url(), target, f.sha256());
            assertTrue(Files.isRegularFile(target), "a file on the index's own host gets the index's credentials");
            assertTrue(c.metadata(f).length > 0);
            assertTrue(
                    client(url, tmp.resolve("cache")).project(PackageName.of("pkg-a")).files().stream()
                            .allMatch(d -> d.url().contains("alice:s3cret@")),
                    "also when the page comes from the cache");

            LoopbackIndex open = cdn;
            try (LoopbackIndex redirecting = new LoopbackIndex()) {
                redirecting.requireAuth("bob", "pw");
                redirecting.redirect("/files/x.whl", "http://127.0.0.1:" + open.port() + "/files/" + f.filename());
                Path t2 = tmp.resolve("dl/x.whl");
                new HttpSource(new IndexConfig(url, List.of(), Set.of(), null))
                        .download("http://bob:pw@127.0.0.1:" + redirecting.port() + "/files/x.whl", t2, f.sha256());
                assertTrue(Files.isRegularFile(t2));
                assertTrue(redirecting.authorizationSeen("/files/x.whl").startsWith("Basic "));
                assertEquals(
                        "",
                        open.authorizationSeen("/files/" + f.filename()),
                        "the redirect to another origin carries no credentials");
            }
        }
    }

    @Test
    void retriesAServerThatIsBrieflyUnavailable() throws Exception {
        try (LoopbackIndex index = index()) {
            index.failNext("/json/simple/pkg-a/", 2);
            assertEquals(
                    3,
                    client(index.jsonIndexUrl(), null)
                            .project(PackageName.of("pkg-a"))
                            .files()
                            .size());
            assertEquals(3, index.hits("/json/simple/pkg-a/"));
            index.failNext("/json/simple/pkg-a/", 3);
            IndexException e = assertThrows(
                    IndexException.class,
                    () -> client(index.jsonIndexUrl(), null).project(PackageName.of("pkg-a")));
            assertEquals(503, e.status(), e.getMessage());
        }
    }

    @Test
    void plainHttpOnlyToLoopbackOrTrustedHosts() {
        IndexException e = assertThrows(
                IndexException.class,
                () -> client("http://u:pw@pypi.invalid/simple", null).project(PackageName.of("x")));
        assertTrue(e.getMessage().contains("--trusted-host") && !e.getMessage().contains("pw@"), e.getMessage());
        IndexConfig trusted = new IndexConfig("http://pypi.invalid/simple", List.of(), Set.of("PyPI.invalid"), null);
        assertTrue(trusted.isSecureOrTrusted(URI.create("http://pypi.invalid/simple/x/")));
        assertFalse(trusted.isSecureOrTrusted(URI.create("http://other.invalid/simple/x/")));
        IndexConfig withPort = new IndexConfig(IndexConfig.PYPI, List.of(), Set.of("h.invalid:8080"), null);
        assertTrue(withPort.isSecureOrTrusted(URI.create("http://h.invalid:8080/")));
        assertFalse(withPort.isSecureOrTrusted(URI.create("http://h.invalid:9090/")));
    }

    @Test
    void downloadsCheckingTheHash(@TempDir Path out) throws Exception {
        try (LoopbackIndex index = index()) {
            DistributionFile f = client(index.jsonIndexUrl(), null)
                    .project(PackageName.of("pkg-a"))
                    .files()
                    .get(0);
            HttpSource http = new HttpSource(new IndexConfig(index.jsonIndexUrl(), List.of(), Set.of(), null));
            Path target = out.resolve(f.filename());
            assertEquals(f.sha256(), http.download(f.url(), target, f.sha256()));
            assertTrue(Files.size(target) > 0);
            index.replaceFile(f.filename(), "evil".getBytes(StandardCharsets.UTF_8));
            Path target2 = out.resolve("again.whl");
            IndexException e = assertThrows(IndexException.class, () -> http.download(f.url(), target2, f.sha256()));
            assertTrue(e.getMessage().contains("hash mismatch"), e.getMessage());
            assertFalse(Files.exists(target2));
            try (var s = Files.list(out)) {
                assertEquals(1, s.count(), "no partial download left behind");
            }
        }
    }
}
