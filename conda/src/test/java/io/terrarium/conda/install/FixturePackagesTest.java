package io.terrarium.conda.install;

import static io.terrarium.conda.install.PrefixInstallerTest.OPTIONS;
import static io.terrarium.conda.install.PrefixInstallerTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.pkg.PackageCache;
import io.terrarium.conda.pkg.PackageFormat;
import io.terrarium.conda.testing.FixtureChannel;
import io.terrarium.conda.testing.PackageFixture;
import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs real {@code .tar.bz2} and {@code .conda} archives made by the package fixtures, extracted by the
 * production extractor, as a build does after fetching.
 */
class FixturePackagesTest {
    @TempDir
    Path tmp;

    /**
     * A stand-in python package, honest about what it is: {@code bin/pythonM.m} is a shell wrapper around the
     * machine's {@code /usr/bin/python3} that puts the prefix's site-packages first on {@code sys.path}, so entry
     * points and byte-compilation run against the prefix as with a real conda python. Its version is the machine
     * python's, so the byte code tag matches.
     */
    static PackageFixture pythonStandIn() throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])")
                .start();
        String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), "this test needs /usr/bin/python3");
        String mm = PythonInfo.majorMinor(version);
        return PackageFixture.of("python", version, "0")
                .executable(
                        "bin/python" + mm,
                        "#!/bin/sh\n"
                                + "PYTHONPATH=\"" + PackageFixture.PREFIX + "/lib/python" + mm + "/site-packages"
                                + "${PYTHONPATH:+:$PYTHONPATH}\" exec /usr/bin/python3 \"$@\"\n")
                .symlink("bin/python", "python" + mm)
                .symlink("bin/python3", "python" + mm)
                .emptyDirectory("lib/python" + mm + "/site-packages");
    }

    /** Fetches (from the file:// channel) and extracts each package through the package cache, as a build does. */
    private List<LinkRequest> extractAll(FixtureChannel channel, List<String> fns) throws IOException {
        List<LinkRequest> out = new ArrayList<>();
        PackageCache cache = new PackageCache(tmp.resolve("pkgs"));
        for (String fn : fns) {
            PackageRecord r = channel.record(fn);
            Path dir = cache.ensureExtracted(r);
            out.add(new LinkRequest(r, dir, cache.archivePath(r), r.name()));
        }
        return out;
    }

    @Test
    void condaAndTarBz2ArchivesLinkIntoAWorkingPrefix() throws Exception {
        FixtureChannel channel = FixtureChannel.at(tmp.resolve("channel"))
                .add(
                        PackageFixture.of("hello", "1.0", "0")
                                .prefixScript("bin/hello")
                                .binaryWithPrefix("lib/libhello.so")
                                .symlink("lib/libhello.so.1", "libhello.so"),
                        PackageFormat.CONDA)
                .add(
                        PackageFixture.of("tools", "2.1", "1")
                                .prefixScript("bin/where")
                                .textFile("etc/tools.conf", "root=" + PackageFixture.PREFIX + "\n"),
                        PackageFormat.TAR_BZ2)
                .index();
        Path prefix = tmp.resolve("env");
        InstallResult result = new PrefixInstaller(OPTIONS)
                .install(prefix, extractAll(channel, List.of("hello-1.0-0.conda", "tools-2.1-1.tar.bz2")), null);

        assertEquals(2, result.linkedCount());
        assertEquals(prefix.toString(), run(prefix.resolve("bin/hello")));
        assertEquals(prefix.toString(), run(prefix.resolve("bin/where")));
        assertEquals("root=" + prefix + "\n", Files.readString(prefix.resolve("etc/tools.conf")));

        byte[] lib = Files.readAllBytes(prefix.resolve("lib/libhello.so"));
        Path cached = new PackageCache(tmp.resolve("pkgs")).extractedPath(channel.record("hello-1.0-0.conda"));
        byte[] original = Files.readAllBytes(cached.resolve("lib/libhello.so"));
        assertEquals(original.length, lib.length);
        String ph = PackageFixture.LONG_PLACEHOLDER;
        int pad = ph.length() - prefix.toString().length();
        int start = 10;
        byte[] rpath = (prefix + "/lib").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < rpath.length; i++) {
            assertEquals(rpath[i], lib[start + i]);
        }
        for (int i = 0; i < pad + 1; i++) {
            assertEquals(0, lib[start + rpath.length + i], "NUL padding at " + i);
        }
        String rest = new String(lib, start + rpath.length + pad + 1, 10, StandardCharsets.ISO_8859_1);
        assertEquals("unrelated\0", rest);
        assertArrayEquals(
                java.util.Arrays.copyOfRange(original, original.length - 64, original.length),
                java.util.Arrays.copyOfRange(lib, lib.length - 64, lib.length));

        PrefixRecord hello = PrefixData.load(prefix).get("hello").orElseThrow();
        assertEquals(
                channel.record("hello-1.0-0.conda").sha256(), hello.record().sha256());
        assertEquals("hello", hello.requestedSpec());
        assertTrue(hello.packageTarballFullPath().endsWith("hello-1.0-0.conda"));
    }

    @Test
    void noarchPythonEntryPointRunsWithThePrefixPython() throws Exception {
        PackageFixture python = pythonStandIn();
        FixtureChannel channel = FixtureChannel.at(tmp.resolve("channel"))
                .add(python, PackageFormat.CONDA)
                .add(
                        PackageFixture.of("greet", "0.3", "py_0")
                                .noarchPython()
                                .sitePackagesFile(
                                        "greet/__init__.py",
                                        "import sys\n\ndef main():\n    print('greet from', __file__, 'argv0', sys.argv[0])\n"
                                                + "    return 0\n")
                                .pythonScript(
                                        "greet-legacy",
                                        "#!" + PackageFixture.PREFIX + "/bin/python\n" + "import greet\ngreet.main()\n")
                                .entryPoint("greet = greet:main"),
                        PackageFormat.CONDA)
                .index();
        Path prefix = tmp.resolve("env");
        String pyFn = python.fileName(PackageFormat.CONDA);
        // two transactions: the second finds the python in the prefix's conda-meta
        new PrefixInstaller(OPTIONS).install(prefix, extractAll(channel, List.of(pyFn)), null);
        InstallResult result = new PrefixInstaller(OPTIONS)
                .install(prefix, extractAll(channel, List.of("greet-0.3-py_0.conda")), null);
        assertEquals(List.of(), result.warnings());

        String mm = PythonInfo.majorMinor(python.version());
        String site = "lib/python" + mm + "/site-packages";
        String out = run(prefix.resolve("bin/greet"));
        assertEquals(
                "greet from " + prefix.resolve(site + "/greet/__init__.py") + " argv0 " + prefix.resolve("bin/greet"),
                out);
        assertTrue(Files.readString(prefix.resolve("bin/greet")).startsWith("#!" + prefix + "/bin/python" + mm + "\n"));
        assertTrue(run(prefix.resolve("bin/greet-legacy")).startsWith("greet from"));

        PrefixRecord greet = PrefixData.load(prefix).get("greet").orElseThrow();
        Map<String, String> types = new java.util.LinkedHashMap<>();
        greet.paths().forEach(p -> types.put(p.path(), p.pathType()));
        String pyc = site + "/greet/__pycache__/__init__.cpython-" + mm.replace(".", "") + ".pyc";
        assertEquals(
                Map.of(
                        site + "/greet/__init__.py",
                        "hardlink",
                        "bin/greet-legacy",
                        "hardlink",
                        "bin/greet",
                        "unix_python_entry_point",
                        pyc,
                        "pyc_file"),
                types);
        assertTrue(Files.isRegularFile(prefix.resolve(pyc)));
        assertEquals("noarch_python", greet.toJson().get("package_type"));
    }

    @Test
    void legacyPackageWithoutPathsJsonUsesFilesAndHasPrefix() throws Exception {
        FixtureChannel channel = FixtureChannel.at(tmp.resolve("channel"))
                .add(
                        PackageFixture.of("oldie", "0.9", "0")
                                .legacyMetadata()
                                .placeholder(PackageFixture.LEGACY_PLACEHOLDER)
                                .prefixScript("bin/oldie")
                                .textFile("share/oldie/plain.txt", "plain\n"),
                        PackageFormat.TAR_BZ2)
                .index();
        Path prefix = tmp.resolve("env");
        new PrefixInstaller(OPTIONS).install(prefix, extractAll(channel, List.of("oldie-0.9-0.tar.bz2")), null);
        assertEquals(prefix.toString(), run(prefix.resolve("bin/oldie")));
        PrefixRecord r = PrefixData.load(prefix).get("oldie").orElseThrow();
        assertEquals(List.of("bin/oldie", "share/oldie/plain.txt"), r.files());
        assertEquals(PackageFixture.LEGACY_PLACEHOLDER, r.paths().get(0).prefixPlaceholder());
        assertEquals(
                RecordLinker.sha256(prefix.resolve("share/oldie/plain.txt")),
                r.paths().get(1).sha256InPrefix());
    }

    @Test
    void noarchPythonWithoutAnyPythonIsAClearError() throws Exception {
        FixtureChannel channel = FixtureChannel.at(tmp.resolve("channel"))
                .add(
                        PackageFixture.of("orphan", "1.0", "py_0")
                                .noarchPython()
                                .sitePackagesFile("orphan.py", "x = 1\n"),
                        PackageFormat.CONDA)
                .index();
        InstallException e = org.junit.jupiter.api.Assertions.assertThrows(
                InstallException.class,
                () -> new PrefixInstaller(OPTIONS)
                        .install(tmp.resolve("env"), extractAll(channel, List.of("orphan-1.0-py_0.conda")), null));
        assertTrue(e.getMessage().contains("noarch: python"), e.getMessage());
    }
}
