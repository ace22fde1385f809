package io.terrarium.conda.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.install.InstallOptions;
import io.terrarium.conda.install.LinkRequest;
import io.terrarium.conda.install.PrefixInstaller;
import io.terrarium.conda.json.Json;
import io.terrarium.conda.pkg.PackageArchive;
import io.terrarium.conda.pkg.PackageFormat;
import io.terrarium.conda.testing.PackageFixture;
import io.terrarium.conda.types.PackageRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CondaPackerTest {
    @TempDir
    Path tmp;

    private Path prefix;

    /** A real prefix: a fixture package fetched into a cache, extracted, linked by the installer. */
    @BeforeEach
    void installEnvironment() throws IOException {
        PackageFixture tool = PackageFixture.of("tool", "1.0", "h0_0")
                .prefixScript("bin/whereami")
                .binaryWithPrefix("lib/libtool.so")
                .symlink("bin/whereami-link", "whereami")
                .textFile("share/tool/config.txt", "home=" + PackageFixture.PREFIX + "/share\n")
                .executable("bin/tool-script", "#!" + PackageFixture.PREFIX + "/bin/sh-like -e\necho hi\n")
                .emptyDirectory("var/empty");
        Path archive = tool.writeTo(tmp.resolve("channel"), PackageFormat.TAR_BZ2);
        Path extracted = tmp.resolve("pkgs/" + tool.dist());
        PackageArchive.open(archive).extractTo(extracted);
        PackageRecord record = PackageRecord.builder("tool", "1.0")
                .build("h0_0")
                .subdir("linux-64")
                .fn(archive.getFileName().toString())
                .url(archive.toUri().toString())
                .channel("file:///channel")
                .build();
        prefix = tmp.resolve("envs/the-original-environment");
        new PrefixInstaller(InstallOptions.defaults())
                .install(prefix, List.of(new LinkRequest(record, extracted, archive, "tool")), null);
        Files.createDirectories(prefix.resolve("etc"));
        Files.writeString(
                prefix.resolve("etc/unmanaged.cfg"),
                "data=" + prefix + "/data\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE_NEW);
    }

    @Test
    void unpacksElsewhereAndCondaUnpackMovesThePrefixThere() throws Exception {
        Path archive = tmp.resolve("out/env.tar.gz");
        PackResult result = new CondaPacker().pack(prefix, archive);
        assertTrue(result.warnings().isEmpty(), result.warnings().toString());
        assertEquals(
                List.of("bin/activate", "bin/whereami", "etc/unmanaged.cfg", "lib/libtool.so", "share/tool/config.txt"),
                result.rewritten().stream().map(UnpackEntry::path).toList());

        Path moved = tmp.resolve("elsewhere/the-moved-env");
        untar(archive, moved);
        assertTrue(
                run(moved, Map.of(), moved.resolve("bin/whereami").toString())
                        .contains(PackageFixture.LONG_PLACEHOLDER),
                "before conda-unpack the script still holds the build placeholder");
        assertEquals(
                "#!/usr/bin/env sh-like -e",
                firstLine(moved.resolve("bin/tool-script")),
                "a shebang into the prefix becomes /usr/bin/env at pack time");

        run(moved, Map.of(), moved.resolve("bin/conda-unpack").toString());
        assertEquals(
                moved + "\n", run(moved, Map.of(), moved.resolve("bin/whereami").toString()));
        assertEquals(
                moved + "\n",
                run(moved, Map.of(), moved.resolve("bin/whereami-link").toString()));
        assertTrue(Files.isSymbolicLink(moved.resolve("bin/whereami-link")));
        assertEquals("home=" + moved + "/share\n", Files.readString(moved.resolve("share/tool/config.txt")));
        assertEquals("data=" + moved + "/data\n", Files.readString(moved.resolve("etc/unmanaged.cfg")));
        assertBinaryRewritten(moved);
        assertTrue(Files.isDirectory(moved.resolve("var/empty")));
        assertTrue(Files.isExecutable(moved.resolve("bin/whereami")));

        Map<String, Object> meta = Json.readObject(moved.resolve("conda-meta/tool-1.0-h0_0.json"));
        assertEquals("", meta.get("extracted_package_dir"));
        assertEquals("", meta.get("package_tarball_full_path"));
        assertEquals("", ((Map<?, ?>) meta.get("link")).get("source"));

        for (String shell : List.of("sh", "bash")) {
            String activated = run(
                    tmp,
                    Map.of(),
                    shell,
                    "-c",
                    ". \"$0/bin/activate\" && echo \"$CONDA_PREFIX\" "
                            + "&& command -v whereami && . \"$0/bin/deactivate\" && echo \"[${CONDA_PREFIX:-}]\"",
                    moved.toString());
            assertEquals(moved + "\n" + moved + "/bin/whereami\n[]\n", activated, shell);
        }
    }

    @Test
    void theShellFallbackGivesWhatThePythonPathGives() throws Exception {
        Path archive = tmp.resolve("env.tar.gz");
        new CondaPacker().pack(prefix, archive);
        Path viaPython = tmp.resolve("py/env");
        Path viaShell = tmp.resolve("sh/env");
        untar(archive, viaPython);
        untar(archive, viaShell);
        run(viaPython, Map.of(), viaPython.resolve("bin/conda-unpack").toString());
        run(
                viaShell,
                Map.of("CONDA_UNPACK_PYTHON", "none"),
                viaShell.resolve("bin/conda-unpack").toString());
        assertEquals(
                viaShell + "\n",
                run(viaShell, Map.of(), viaShell.resolve("bin/whereami").toString()));
        assertBinaryRewritten(viaShell);

        Map<String, byte[]> py = tree(viaPython);
        Map<String, byte[]> sh = tree(viaShell);
        assertEquals(py.keySet(), sh.keySet());
        for (String rel : py.keySet()) {
            String expected = new String(py.get(rel), StandardCharsets.ISO_8859_1)
                    .replace(viaPython.toString(), viaShell.toString());
            assertEquals(expected, new String(sh.get(rel), StandardCharsets.ISO_8859_1), rel);
        }
    }

    @Test
    void refusesANewPrefixLongerThanTheBinaryRoom() throws Exception {
        Path archive = tmp.resolve("env.tar.gz");
        new CondaPacker().pack(prefix, archive);
        Path deep = tmp.resolve("x".repeat(200)).resolve("y".repeat(100));
        untar(archive, deep);
        for (Map<String, String> env : List.of(Map.<String, String>of(), Map.of("CONDA_UNPACK_PYTHON", "none"))) {
            Process p = start(deep, env, deep.resolve("bin/conda-unpack").toString());
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertNotEquals(0, p.exitValue(), out);
            assertTrue(out.contains("lib/libtool.so") && out.contains("shorter path"), out);
        }
    }

    @Test
    void keepsTheLayoutCondaPackWrites() throws IOException {
        Path archive = tmp.resolve("env.tgz");
        PackResult result = new CondaPacker().pack(prefix, archive);
        Map<String, TarArchiveEntry> entries = new TreeMap<>();
        try (InputStream in = new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(archive)));
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                entries.put(e.getName(), e);
            }
        }
        assertEquals(result.entries(), entries.size());
        assertTrue(entries.containsKey("bin/conda-unpack")
                && entries.containsKey("bin/activate")
                && entries.containsKey("bin/deactivate")
                && entries.containsKey("conda-meta/history"));
        assertEquals(0755, entries.get("bin/conda-unpack").getMode() & 0777);
        assertTrue(entries.get("bin/whereami-link").isSymbolicLink());
        assertEquals("whereami", entries.get("bin/whereami-link").getLinkName());
        assertTrue(
                entries.keySet().stream().noneMatch(n -> n.startsWith("/") || n.startsWith("the-original")),
                "files sit at the archive root");
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".partial")), "no temp file left");
        }
    }

    @Test
    void refusesWhatIsNotAnEnvironment() throws IOException {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Files.writeString(plain.resolve("file.txt"), "x");
        var e = assertThrows(PackException.class, () -> new CondaPacker().pack(plain, tmp.resolve("a.tar.gz")));
        assertEquals(
                "cannot pack " + plain + ": it is not a conda environment (no conda-meta directory)", e.getMessage());
        assertFalse(Files.exists(tmp.resolve("a.tar.gz")));
        var inside =
                assertThrows(PackException.class, () -> new CondaPacker().pack(prefix, prefix.resolve("x.tar.gz")));
        assertTrue(inside.getMessage().contains("inside the environment"), inside.getMessage());
        var ext = assertThrows(PackException.class, () -> new CondaPacker().pack(prefix, tmp.resolve("x.zip")));
        assertTrue(ext.getMessage().contains(".tar.gz, .tgz or .tar"), ext.getMessage());
        var missing = assertThrows(
                PackException.class, () -> new CondaPacker().pack(tmp.resolve("nope"), tmp.resolve("x.tar")));
        assertTrue(missing.getMessage().contains("no such directory"), missing.getMessage());
    }

    private void assertBinaryRewritten(Path env) throws IOException {
        byte[] data = Files.readAllBytes(env.resolve("lib/libtool.so"));
        String text = new String(data, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(env + "/lib\0"), "RPATH-like string rewritten");
        assertTrue(text.contains(env + "/share:" + env + "/etc\0"), "both occurrences in one string rewritten");
        assertFalse(text.contains(PackageFixture.LONG_PLACEHOLDER));
        assertEquals(Files.size(prefix.resolve("lib/libtool.so")), data.length, "binary replacement keeps the size");
        assertTrue(text.contains("\0unrelated\0"));
    }

    private static String firstLine(Path p) throws IOException {
        return Files.readAllLines(p).get(0);
    }

    private static Map<String, byte[]> tree(Path root) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    private static void untar(Path archive, Path dest) throws Exception {
        Files.createDirectories(dest);
        run(dest, Map.of(), "tar", "-xzf", archive.toString(), "-C", dest.toString());
    }

    private static Process start(Path dir, Map<String, String> env, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        return pb.start();
    }

    private static String run(Path dir, Map<String, String> env, String... command) throws Exception {
        Process p = start(dir, env, command);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + out);
        return out;
    }
}
