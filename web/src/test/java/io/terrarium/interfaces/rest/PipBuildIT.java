package io.terrarium.interfaces.rest;

import static io.terrarium.interfaces.rest.ApiCalls.awaitEnd;
import static io.terrarium.interfaces.rest.ApiCalls.data;
import static io.terrarium.interfaces.rest.ApiCalls.error;
import static io.terrarium.interfaces.rest.ApiCalls.submit;
import static io.terrarium.interfaces.rest.ApiCalls.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.pip.fixture.LoopbackIndex;
import io.terrarium.conda.pip.fixture.WheelBuilder;
import io.terrarium.it.ItTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Issue 12 through the server: specifications with conda {@code python} (a stand-in around the machine's
 * interpreter) and a {@code pip:} section build COMPLETED from a loopback PEP 691 index with PEP 658 metadata and
 * from a PEP 503 HTML-only one; the prefix imports the wheels, runs their console script and keeps RECORDs that
 * match; the lockfile pins the wheels with sha256, the export lists them, the conda-pack archive runs them once
 * unpacked elsewhere, and the lockfile rebuilds the same files without resolving again; a REST rebuild resolves
 * again; a private index gets its credentials, which nothing shows; a requirement no wheel meets fails the build
 * naming it; the pypi_* settings add and require pip packages.
 */
@MicroShedTest
public class PipBuildIT {

    static final CondaStoreApi api = ApiCalls.client(ItTokens.ADMIN);

    private static final Path STORE = Path.of(System.getProperty("terrarium.it.store", "terrarium-store"));

    @TempDir
    static Path work;

    private static String channel;
    private static LoopbackIndex index;

    @BeforeAll
    static void publish() throws IOException {
        channel = PipFixtures.pythonChannel(work.resolve("channel"));
        index = PipFixtures.index(work.resolve("wheels"));
    }

    @AfterAll
    static void stop() {
        if (index != null) {
            index.close();
        }
    }

    private static String spec(String name, String indexUrl, String... pip) {
        StringBuilder b = new StringBuilder("name: " + name + "\nchannels: [" + channel + "]\ndependencies:\n");
        b.append("  - python=3.11\n");
        if (indexUrl != null || pip.length > 0) {
            b.append("  - pip:\n");
            if (indexUrl != null) {
                b.append("      - --index-url ").append(indexUrl).append('\n');
            }
            for (String p : pip) {
                // unquoted, as people write them: plain YAML scalars may hold brackets, quotes and semicolons
                b.append("      - ").append(p).append('\n');
            }
        }
        return b.toString();
    }

    private static String text(long build, String file) {
        return api.buildFile(build, file).readEntity(String.class);
    }

    private static Path prefix(String ns, String name) throws IOException {
        return STORE.resolve(ns).resolve("envs").resolve(name).toRealPath();
    }

    private static Path sitePackages(Path prefix) {
        return prefix.resolve(PipFixtures.SITE_PACKAGES);
    }

    @Test
    void pipDependenciesFromAJsonIndexBuildAndTheLockfileRebuildsTheSameFiles() throws Exception {
        String ns = unique("pip");
        long b = submit(
                api, spec("piped", index.jsonIndexUrl(), "pkg-a[extra]>=1.2", "pkg-b; python_version >= \"3.8\""), ns);
        assertEquals("COMPLETED", awaitEnd(api, b), () -> text(b, "logs"));
        Path prefix = prefix(ns, "piped");

        assertEquals(
                "2 3\n",
                PipFixtures.run(
                        prefix.resolve("bin/python").toString(),
                        "-c",
                        "import pkg_a, pkg_a.util, pkg_b, pkg_c; print(pkg_b.B, pkg_c.C)"));
        assertEquals("pkg-a ok\n", PipFixtures.run(prefix.resolve("bin/pkg-a").toString()));

        Path site = sitePackages(prefix);
        List<Path> listed = InstalledRecord.verify(site, "pkg_a-1.3.dist-info");
        assertTrue(listed.contains(prefix.resolve("bin/pkg-a")), "the launcher is in RECORD: " + listed);
        try (Stream<Path> files = Files.walk(site.resolve("pkg_a"))) {
            List<Path> unlisted = files.filter(Files::isRegularFile)
                    .filter(f -> !listed.contains(f))
                    .toList();
            assertEquals(List.of(), unlisted, "every installed file of pkg-a is in its RECORD");
        }
        InstalledRecord.verify(site, "pkg_b-1.0.dist-info");
        InstalledRecord.verify(site, "pkg_c-0.1.dist-info");

        String lockfile = text(b, "lockfile");
        for (String wheel :
                List.of("pkg_a-1.3-py3-none-any.whl", "pkg_b-1.0-py3-none-any.whl", "pkg_c-0.1-py3-none-any.whl")) {
            assertTrue(lockfile.contains(wheel), wheel + " in " + lockfile);
            assertTrue(lockfile.contains(PipFixtures.sha256(work.resolve("wheels"), wheel)), wheel + "'s sha256");
        }
        assertEquals(3, pipEntries(lockfile).size(), lockfile);

        String yaml = text(b, "yaml");
        assertTrue(yaml.contains("- pip:"), yaml);
        for (String pin : List.of("pkg-a==1.3", "pkg-b==1.0", "pkg-c==0.1")) {
            assertTrue(yaml.contains(pin), pin + " in " + yaml);
        }

        // the conda-pack archive carries the wheels: unpacked elsewhere, its python imports them and runs the script
        Path unpacked = PipFixtures.unpack(archive(b), work.resolve("unpacked"));
        assertEquals(
                "pkg-a ok\n",
                PipFixtures.run(
                        unpacked.resolve("bin/python").toString(),
                        unpacked.resolve("bin/pkg-a").toString()));

        int pageReads = index.hits("/json/simple/pkg-a/");
        long locked = ApiCalls.submitLockfile(api, lockfile, ns, "piped-locked", null);
        assertEquals("COMPLETED", awaitEnd(api, locked), () -> text(locked, "logs"));
        assertEquals(pageReads, index.hits("/json/simple/pkg-a/"), "a lockfile build does not resolve");
        Path again = prefix(ns, "piped-locked");
        assertFalse(again.equals(prefix), "a build of its own");
        assertEquals(PipFixtures.installedFiles(prefix), PipFixtures.installedFiles(again));
        assertEquals("pkg-a ok\n", PipFixtures.run(again.resolve("bin/pkg-a").toString()));
    }

    @Test
    void aPep503HtmlOnlyIndexServesABuildToo() throws Exception {
        String ns = unique("pip-html");
        long b = submit(api, spec("html", index.htmlIndexUrl(), "pkg-a==1.3", "pkg-b"), ns);
        assertEquals("COMPLETED", awaitEnd(api, b), () -> text(b, "logs"));
        Path prefix = prefix(ns, "html");
        assertEquals(
                "2\n",
                PipFixtures.run(prefix.resolve("bin/python").toString(), "-c", "import pkg_a, pkg_b; print(pkg_b.B)"));
        assertTrue(index.hits("/html/simple/pkg-b/") > 0, "the HTML page was read");
        assertEquals(
                Set.of("pkg-a", "pkg-b"),
                pipEntries(text(b, "lockfile")).stream()
                        .map(p -> (String) p.get("name"))
                        .collect(Collectors.toSet()));

        // a rebuild over REST resolves the stored pip section again, into a build of its own
        long rebuilt = ((Number) data(api.rebuild(b)).get("build_id")).longValue();
        assertEquals("COMPLETED", awaitEnd(api, rebuilt), () -> text(rebuilt, "logs"));
        assertTrue(Files.isRegularFile(sitePackages(prefix(ns, "html")).resolve("pkg_b.py")));
    }

    @Test
    void aPrivateIndexGetsItsCredentialsWhichNoLogSpecificationOrLockfileShows() throws Exception {
        try (LoopbackIndex secured = new LoopbackIndex()) {
            secured.add(
                    "pkg-private",
                    WheelBuilder.wheel("pkg-private", "1.0").file("pkg_private.py", "P = 'private'\n"),
                    work.resolve("private-wheels"));
            secured.requireAuth("alice", "s3cret-pip");
            String url = secured.jsonIndexUrl().replace("http://", "http://alice:s3cret-pip@");
            String ns = unique("pip-private");
            long b = submit(api, spec("private", url, "pkg-private"), ns);
            assertEquals("COMPLETED", awaitEnd(api, b), () -> text(b, "logs"));
            assertTrue(Files.isRegularFile(sitePackages(prefix(ns, "private")).resolve("pkg_private.py")));
            assertTrue(
                    secured.authorizationSeen("/files/pkg_private-1.0-py3-none-any.whl")
                            .startsWith("Basic "),
                    "the wheel was fetched with the index's credentials");
            for (String shown : List.of(
                    text(b, "logs"),
                    text(b, "lockfile"),
                    text(b, "yaml"),
                    api.build(b).readEntity(String.class))) {
                assertFalse(shown.contains("s3cret-pip"), shown);
            }
        }
    }

    @Test
    void aPipRequirementNoWheelSatisfiesFailsTheBuildNamingIt() throws Exception {
        String ns = unique("pip-unsat");
        long b = submit(api, spec("unsat", index.jsonIndexUrl(), "pkg-a>=9"), ns);
        assertEquals("FAILED", awaitEnd(api, b), () -> text(b, "logs"));
        String info = (String) data(api.build(b)).get("status_info");
        assertTrue(info.contains("pkg-a"), info);
    }

    @Test
    void pypiSettingsAddDefaultAndIncludedPackagesAndRequireTheRequiredOnes() throws Exception {
        String ns = unique("pip-settings");
        data(api.putNamespaceSettings(
                ns,
                Json.write(Map.of(
                        "pypi_required_packages", List.of("pkg-b"), "pypi_included_packages", List.of("pkg-c")))));
        String refused =
                error(api.submit(ApiCalls.body(spec("without-b", index.jsonIndexUrl(), "pkg-a==1.3"), ns)), 400);
        assertTrue(refused.contains("pkg-b") && refused.contains("required and missing from specification"), refused);

        long b = submit(api, spec("with-b", index.jsonIndexUrl(), "pkg-b"), ns);
        assertEquals("COMPLETED", awaitEnd(api, b), () -> text(b, "logs"));
        assertEquals(
                Set.of("pkg-b", "pkg-c"),
                pipEntries(text(b, "lockfile")).stream()
                        .map(p -> (String) p.get("name"))
                        .collect(Collectors.toSet()));

        // a specification without a pip section gets the defaults: here an index line and a package
        String defaults = unique("pip-defaults");
        data(api.putNamespaceSettings(
                defaults,
                Json.write(Map.of("pypi_default_packages", List.of("--index-url " + index.jsonIndexUrl(), "pkg-b")))));
        long d = submit(api, spec("defaulted", null), defaults);
        assertEquals("COMPLETED", awaitEnd(api, d), () -> text(d, "logs"));
        assertTrue(
                Files.isRegularFile(sitePackages(prefix(defaults, "defaulted")).resolve("pkg_b.py")));
    }

    /** The build's conda-pack archive in the store (MicroShed's JSON-B provider would claim its download). */
    @SuppressWarnings("unchecked")
    private static Path archive(long build) {
        String key = ((List<Map<String, Object>>) data(api.build(build)).get("build_artifacts"))
                .stream()
                        .filter(a -> "CONDA_PACK".equals(a.get("artifact_type")))
                        .map(a -> (String) a.get("key"))
                        .findFirst()
                        .orElseThrow();
        return STORE.resolve(".storage").resolve(key);
    }

    /** The pip entries of a lockfile as the server serves it (conda-lock's JSON). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> pipEntries(String lockfile) {
        List<Map<String, Object>> packages =
                (List<Map<String, Object>>) Json.parseObject(lockfile).get("package");
        return packages.stream().filter(p -> "pip".equals(p.get("manager"))).toList();
    }
}
