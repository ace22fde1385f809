package io.terrarium.conda.pip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.pip.fixture.LoopbackIndex;
import io.terrarium.conda.pip.fixture.WheelBuilder;
import io.terrarium.conda.pip.index.IndexConfig;
import io.terrarium.conda.pip.install.WheelInstallResult;
import io.terrarium.conda.pip.requirement.InvalidRequirementException;
import io.terrarium.conda.pip.requirement.PackageName;
import io.terrarium.conda.pip.requirement.Requirement;
import io.terrarium.conda.pip.resolve.PinnedWheel;
import io.terrarium.conda.pip.resolve.PipResolution;
import io.terrarium.conda.pip.resolve.PipTarget;
import io.terrarium.conda.pip.version.PipVersion;
import io.terrarium.conda.pkg.Sha256;
import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build job's sequence through the front door: pip section, resolve, fetch and install one wheel at a time. */
class PipEngineTest {
    @TempDir
    Path tmp;

    private static Map<String, String> tree(Path prefix) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(prefix)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = prefix.relativize(p).toString();
                if (!rel.startsWith("bin/") && !rel.endsWith(".pyc") && !rel.endsWith("/RECORD")) {
                    out.put(rel, Sha256.of(Files.readAllBytes(p)));
                }
            }
        }
        return out;
    }

    private Path prefix(String name) throws IOException {
        Path p = Files.createDirectories(tmp.resolve(name).resolve("bin"));
        Files.createSymbolicLink(p.resolve("python"), Path.of("/usr/bin/python3.11"));
        return p.getParent();
    }

    @Test
    void resolvesFromThePipSectionThenFetchesAndInstallsWheelByWheel() throws Exception {
        try (LoopbackIndex main = new LoopbackIndex();
                LoopbackIndex extra = new LoopbackIndex()) {
            Path w = tmp.resolve("published");
            main.add(
                    "pkg-a",
                    WheelBuilder.wheel("pkg-a", "1.3")
                            .providesExtra("extra")
                            .requiresDist("pkg-c>=1")
                            .requiresDist("pkg-d; extra == 'extra'")
                            .file("pkg_a/__init__.py", "A = 1\n")
                            .consoleScript("pkg-a", "pkg_a:main"),
                    w);
            main.add("pkg-c", WheelBuilder.wheel("pkg-c", "1.5").file("pkg_c.py", ""), w);
            extra.add("pkg-b", WheelBuilder.wheel("pkg-b", "1.0").file("pkg_b.py", ""), w);
            extra.add("pkg-d", WheelBuilder.wheel("pkg-d", "0.1").file("pkg_d.py", ""), w);
            PipSection section = PipSection.parse(
                    List.of(
                            "# the pip section",
                            "--index-url " + main.htmlIndexUrl(),
                            "--extra-index-url=" + extra.jsonIndexUrl(),
                            "--trusted-host pypi.invalid",
                            "pkg-a[extra]>=1.2",
                            "pkg-b; python_version >= \"3.8\"  # a comment"),
                    tmp.resolve("http"));
            assertEquals(main.htmlIndexUrl(), section.indexes().indexUrl());
            assertEquals(List.of(extra.jsonIndexUrl()), section.indexes().extraIndexUrls());
            assertEquals(2, section.requirements().size());

            List<PackageRecord> conda = List.of(
                    PackageRecord.builder("python", "3.11.7")
                            .build("h1_cpython")
                            .build(),
                    PackageRecord.builder("pkg-c", "1.6").build("py_0").build());
            PipTarget target = PipEngine.target(conda, "linux-64").orElseThrow();
            PipEngine engine = new PipEngine(section.indexes(), tmp.resolve("store/pip-wheels"));
            PipResolution res = engine.resolve(
                    section,
                    target,
                    PipEngine.condaProvided(conda),
                    Instant.now().plusSeconds(60));
            assertEquals(
                    List.of("pkg-a 1.3", "pkg-b 1.0", "pkg-d 0.1"),
                    res.wheels().stream().map(p -> p.name() + " " + p.version()).toList());
            assertEquals(
                    "pkg-c",
                    res.satisfiedByConda().stream()
                            .filter(c -> !c.name().normalized().equals("python"))
                            .findFirst()
                            .orElseThrow()
                            .name()
                            .normalized());

            Path prefix = prefix("env");
            for (PinnedWheel p : res.wheels()) {
                engine.fetch(p);
            }
            for (PinnedWheel p : res.wheels()) {
                assertFalse(engine.install(prefix, target, p).alreadyInstalled());
            }
            Map<String, String> installed = tree(prefix);
            for (PinnedWheel p : res.wheels()) {
                WheelInstallResult again = engine.install(prefix, target, p);
                assertTrue(again.alreadyInstalled(), "a restarted chunk skips " + p.name());
            }
            assertEquals(installed, tree(prefix));
            assertTrue(installed.containsKey("lib/python3.11/site-packages/pkg_d.py"));

            // a lockfile keeps name, version, url and sha256: installing from those alone gives the same files
            Path fromLock = prefix("from-lock");
            PipEngine other = new PipEngine(section.indexes(), tmp.resolve("other-store/pip-wheels"));
            for (PinnedWheel p : res.wheels()) {
                PinnedWheel locked = new PinnedWheel(
                        PackageName.of(p.name().normalized()),
                        PipVersion.parse(p.version().toString()),
                        p.filename(),
                        p.url(),
                        p.sha256(),
                        p.requested());
                other.install(fromLock, target, locked);
            }
            assertEquals(installed, tree(fromLock));
        }
    }

    @Test
    void pinsCarryNoCredentialsAndFetchesBorrowTheIndexOnes() throws Exception {
        try (LoopbackIndex index = new LoopbackIndex()) {
            index.add("pkg-b", WheelBuilder.wheel("pkg-b", "1.0").file("pkg_b.py", ""), tmp.resolve("published"));
            index.requireAuth("alice", "s3cret");
            PipSection section = PipSection.parse(
                    List.of("-i " + index.htmlIndexUrl().replace("http://", "http://alice:s3cret@"), "pkg-b"), null);
            PipEngine engine = new PipEngine(section.indexes(), tmp.resolve("wheels"));
            PipTarget target = PipTarget.of("3.11.7", "linux-64");
            PipResolution res = engine.resolve(section.requirements(), target, List.of(), null);
            PinnedWheel pin = res.wheels().get(0);
            assertFalse(pin.url().contains("alice") || pin.url().contains("s3cret"), pin.url());
            assertTrue(engine.install(prefix("env"), target, pin)
                    .files()
                    .contains("lib/python3.11/site-packages/pkg_b.py"));
        }
    }

    @Test
    void condaPackagesProvideTheDistributionsTheyInstallUnderTheirPypiNames() throws Exception {
        Path prefix = prefix("env");
        Path meta = Files.createDirectories(prefix.resolve("conda-meta"));
        String site = "lib/python3.11/site-packages/";
        Files.writeString(
                meta.resolve("matplotlib-base-3.8.2-py311_0.json"),
                "{\"name\": \"matplotlib-base\", "
                        + "\"version\": \"3.8.2\", \"build\": \"py311_0\", \"files\": [\"" + site
                        + "matplotlib/__init__.py\", \"" + site + "matplotlib-3.8.2.dist-info/METADATA\"]}");
        Files.writeString(
                meta.resolve("python-tzdata-2023.3-pyhd8ed1ab_0.json"),
                "{\"name\": \"python-tzdata\", "
                        + "\"version\": \"2023.3\", \"build\": \"pyhd8ed1ab_0\", \"files\": [\"" + site
                        + "tzdata-2023.3.dist-info/RECORD\", \"" + site + "old_thing-0.9-py3.11.egg-info\"]}");
        Map<String, String> provided = new TreeMap<>();
        PipEngine.condaProvided(prefix)
                .forEach(c -> provided.put(c.name().normalized(), c.version().toString()));
        assertEquals(
                Map.of(
                        "matplotlib",
                        "3.8.2",
                        "matplotlib-base",
                        "3.8.2",
                        "tzdata",
                        "2023.3",
                        "python-tzdata",
                        "2023.3",
                        "old-thing",
                        "0.9"),
                provided);

        try (LoopbackIndex index = new LoopbackIndex()) {
            index.add(
                    "seaborn",
                    WheelBuilder.wheel("seaborn", "0.13.0")
                            .requiresDist("matplotlib>=3.4")
                            .requiresDist("tzdata")
                            .file("seaborn/__init__.py", ""),
                    tmp.resolve("published"));
            PipEngine engine = new PipEngine(
                    new IndexConfig(index.jsonIndexUrl(), List.of(), Set.of(), null), tmp.resolve("wheels"));
            PipResolution res = engine.resolve(
                    List.of(Requirement.parse("seaborn")),
                    PipTarget.of("3.11", "linux-64"),
                    PipEngine.condaProvided(prefix),
                    null);
            assertEquals(
                    List.of("seaborn"),
                    res.wheels().stream().map(w -> w.name().normalized()).toList());
        }
    }

    @Test
    void refusesPipOptionsItDoesNotSupport() {
        InvalidRequirementException e = assertThrows(
                InvalidRequirementException.class,
                () -> PipSection.parse(List.of("-e git+https://user:secret@example.invalid/x.git"), null));
        assertTrue(
                e.getMessage().contains("unsupported pip option")
                        && !e.getMessage().contains("secret"),
                e.getMessage());
        assertThrows(InvalidRequirementException.class, () -> PipSection.parse(List.of("--index-url"), null));
        assertEquals(
                "https://pypi.org/simple",
                PipSection.parse(List.of("requests"), null).indexes().indexUrl());
        assertFalse(PipSection.parse(List.of("requests"), null).preReleases());
        assertTrue(PipSection.parse(List.of("--pre", "requests"), null).preReleases());
        assertTrue(PipEngine.target(
                        List.of(PackageRecord.builder("zlib", "1.3").build("0").build()), "linux-64")
                .isEmpty());
    }
}
