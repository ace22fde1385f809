package io.terrarium.conda.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.terrarium.conda.testing.PackageFixture;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format compatibility with conda-package-handling, the reference implementation ({@code cph}, Debian package
 * {@code conda-package-handling}): what we write, cph extracts to the same tree; what cph creates, we extract to
 * the tree it was made from. cph is optional: without it on the PATH these tests are reported as skipped, with
 * the reason, and everything else still runs.
 */
class CphCompatTest {
    @TempDir
    Path tmp;

    private static final boolean CPH_INSTALLED = Stream.of(
                    System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .filter(dir -> !dir.isEmpty())
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, "cph")));

    /** Each test is reported as skipped, with the reason, when cph is missing (a class-level abort is not). */
    @BeforeEach
    void cphInstalled() {
        Assumptions.assumeTrue(
                CPH_INSTALLED,
                "SKIPPED: cph (conda-package-handling) is not on the PATH, so the format compatibility with the"
                        + " reference implementation is not checked; install it to run this test (Debian: apt-get"
                        + " install conda-package-handling; else pip install conda-package-handling)");
    }

    private static PackageFixture rich() {
        return PackageFixture.of("rich", "2.1", "h0_3")
                .depends("python >=3.8")
                .prefixScript("bin/rich")
                .textFile("etc/rich.conf", "home=" + PackageFixture.PREFIX + "\n")
                .binaryWithPrefix("lib/librich.so.2.1")
                .symlink("lib/librich.so.2", "librich.so.2.1")
                .symlink("lib/librich.so", "librich.so.2")
                .symlink("share/rich/lib", "../../lib")
                .emptyDirectory("var/cache/rich")
                .textFile("share/rich/" + "deep/".repeat(30) + "long-name-" + "x".repeat(120) + ".txt", "long path\n")
                .textFile("share/rich/unicodé.txt", "ü\n")
                .postLink("echo linked >> \"$PREFIX/.messages.txt\"\n");
    }

    private static void cph(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("cph");
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            fail("cph is required for this test: install the Debian package conda-package-handling "
                    + "(apt-get install -y conda-package-handling): " + e.getMessage());
            return;
        }
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "cph timed out");
        assertEquals(0, p.exitValue(), "cph " + String.join(" ", args) + " failed:\n" + out);
    }

    @Test
    void packagesWeWriteExtractWithCph() throws Exception {
        for (PackageFormat format : PackageFormat.values()) {
            Path archive = rich().writeTo(tmp.resolve("out"), format);
            Path theirs = tmp.resolve("cph-" + format);
            cph(tmp, "x", archive.toString(), "--dest", theirs.toString());
            Path ours = tmp.resolve("ours-" + format);
            PackageArchive.open(archive).extractTo(ours);
            assertEquals(List.of(), TreeDiff.sameTree(ours, theirs), format.toString());
            assertTrue(Files.isSymbolicLink(theirs.resolve("lib/librich.so")));
            assertTrue(Files.isExecutable(theirs.resolve("bin/rich")));
        }
    }

    @Test
    void packagesCphCreatesExtractWithOursToTheSourceTree() throws Exception {
        Path source = rich().buildDir(tmp.resolve("src"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        for (PackageFormat format : PackageFormat.values()) {
            String fn = "rich-2.1-h0_3" + format.extension();
            cph(tmp, "c", source.toString(), fn, "--out-folder", out.toString());
            Path dest = tmp.resolve("ours-" + format);
            ExtractionResult r = PackageArchive.open(out.resolve(fn)).extractTo(dest);
            assertEquals(List.of(), TreeDiff.sameTree(source, dest), format.toString());
            assertEquals("librich.so.2.1", r.symlinks().get("lib/librich.so.2"));
            // and the cache accepts it: complete and matching its paths.json
            Path cached = new PackageCache(tmp.resolve("pkgs-" + format)).extract(out.resolve(fn));
            assertTrue(Files.isRegularFile(cached.resolve("info/repodata_record.json")));
        }
    }

    @Test
    void realPackagesExtractAsCphExtractsThem() throws Exception {
        Path td = PackageCacheTest.testdata();
        List<Path> archives = List.of(
                td.resolve("conda-package-handling/mock-2.0.0-py37_1000.conda"),
                td.resolve("conda-package-handling/mock-2.0.0-py37_1000.tar.bz2"),
                td.resolve("conda-package-handling/cph_test_data-0.0.1-0.tar.bz2"),
                td.resolve("conda/conda_format_repo/linux-64/zlib-1.2.11-h7b6447c_3.tar.bz2"),
                td.resolve("rattler/test-data/sparse/symlink-test-1.0.0-0.conda"),
                td.resolve("rattler/test-data/sparse/zip64-test-1.0.0-0.conda"),
                td.resolve("rattler/test-data/sparse/sparse-test-1.0.0-0.conda"),
                td.resolve("conda/test-recipes/noarch/sample_noarch_python-1.0-py_0.conda"));
        int i = 0;
        for (Path archive : archives) {
            Path theirs = tmp.resolve("cph-" + i);
            cph(tmp, "x", archive.toString(), "--dest", theirs.toString());
            Path ours = tmp.resolve("ours-" + i++);
            PackageArchive.open(archive).extractTo(ours);
            assertEquals(List.of(), TreeDiff.sameTree(ours, theirs), archive.toString());
        }
    }
}
